// The sandbox's Telegram view: the Telegram group, the moderators' group and your private chat with
// the bot, over the sandbox's /api/tg/ API (bot/sandbox/telegram_web.py). Uses $, el and api from app.js.
// Message text is drawn from Telegram's entities as DOM nodes (never as HTML): whatever a member
// wrote, it is shown as text.
"use strict";

const TG = {
  state: null,         // /api/tg/state for the current user
  me: null,            // Telegram user id (string)
  chat: null,          // current chat id (string)
  messages: new Map(), // message id -> message, current chat
  unread: new Set(),
  events: null,
  replyTo: null,       // message being replied to
  booting: false,
};
// Read at once: app.js rewrites the address for the Discord view as it starts.
const TG_INITIAL = new URLSearchParams(location.hash.slice(1));
const TG_COLORS = ["#e17076", "#7bc862", "#e5ca77", "#65aadd", "#a695e7", "#ee7aae", "#6ec9cb", "#faa774"];

function tgColor(id) { let n = 0; for (const c of String(id)) n = (n * 31 + c.charCodeAt(0)) % 9973; return TG_COLORS[n % TG_COLORS.length]; }
function tgInitials(name) { return [...(name || "?").trim()].slice(0, 1).join("").toUpperCase(); }
function tgAvatar(id, name, cls = "tg-avatar") { return el("span", {class: cls, style: `background:${tgColor(id)}`, text: tgInitials(name), "aria-hidden": "true"}); }
function tgKind(kind) { return ({admin: "group admin", moderator: "moderator", creator: "member"})[kind] || kind; }
const tgChatById = (id) => TG.state && TG.state.chats.find((c) => c.id === id);
const tgPerson = (id) => TG.state && TG.state.people.find((p) => p.id === id);
const tgNarrow = () => window.matchMedia("(max-width: 700px)").matches;

function tgError(message) { $("#tg-banner-text").textContent = message; $("#tg-banner").hidden = false; }
function tgClearError() { $("#tg-banner").hidden = true; }

// ------------------------------------------------------------------------------------------------
// switching between the two views

function showPlatform(name, {remember = true} = {}) {
  const tg = name === "telegram";
  document.body.classList.toggle("tg", tg);
  $("#tab-discord").setAttribute("aria-selected", String(!tg));
  $("#tab-telegram").setAttribute("aria-selected", String(tg));
  if (tg) {
    tgBoot();
    if (remember && TG.me) tgRemember();
  } else if (remember && typeof S !== "undefined" && S.me && S.channel) {
    location.hash = `as=${S.me}&channel=${S.channel}`;
  }
}

function tgRemember() { location.hash = `tg=${TG.me}` + (TG.chat ? `&chat=${TG.chat}` : ""); }

// ------------------------------------------------------------------------------------------------
// text with Telegram's entities (offsets in UTF-16 code units, as JavaScript strings count)

function tgSafeUrl(url) {
  try {
    const u = new URL(url);
    return ["http:", "https:", "tg:", "mailto:"].includes(u.protocol) ? u.href : null;
  } catch (e) { return null; }
}

function tgEntityNode(e, text) {
  switch (e.type) {
    case "bold": return el("b");
    case "italic": return el("i");
    case "underline": return el("u");
    case "strikethrough": return el("s");
    case "spoiler": return el("span", {class: "tg-spoiler", title: "Spoiler: click to show"});
    case "code": return el("code");
    case "pre": return el("pre");
    case "blockquote": case "expandable_blockquote": return el("blockquote");
    case "text_link": { const href = tgSafeUrl(e.url); return href ? el("a", {href, target: "_blank", rel: "noopener noreferrer"}) : el("span"); }
    case "url": { const href = tgSafeUrl(/^[a-z]+:/i.test(text) ? text : "https://" + text); return href ? el("a", {href, target: "_blank", rel: "noopener noreferrer"}) : el("span"); }
    case "email": return el("a", {href: "mailto:" + text});
    case "bot_command": return el("span", {class: "tg-cmd", title: "Click to write this command", dataset: {command: text}});
    case "mention": case "text_mention": return el("span", {class: "tg-mention"});
    case "hashtag": case "cashtag": return el("span", {class: "tg-hashtag"});
    default: return el("span");
  }
}

function tgRenderText(text, entities) {
  const ents = (entities || []).filter((e) => e.length > 0 && e.offset >= 0 && e.offset + e.length <= text.length)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  const build = (start, end, list) => {
    const frag = document.createDocumentFragment();
    let pos = start;
    let i = 0;
    while (i < list.length) {
      const e = list[i];
      if (e.offset < pos) { i++; continue; }  // overlapping (not nested): drawn as text
      if (e.offset > pos) frag.append(text.slice(pos, e.offset));
      const stop = Math.min(e.offset + e.length, end);
      const inner = [];
      let j = i + 1;
      while (j < list.length && list[j].offset < stop) { if (list[j].offset + list[j].length <= stop) inner.push(list[j]); j++; }
      const node = tgEntityNode(e, text.slice(e.offset, stop));
      node.append(build(e.offset, stop, inner));
      frag.append(node);
      pos = stop;
      i = j;
    }
    if (pos < end) frag.append(text.slice(pos, end));
    return frag;
  };
  return build(0, text.length, ents);
}

// ------------------------------------------------------------------------------------------------
// drawing

function tgTime(unix) {
  return new Date(unix * 1000).toLocaleTimeString(undefined, {hour: "2-digit", minute: "2-digit"});
}

function tgRenderMessage(m) {
  const mine = m.from.id === TG.me;
  const chat = tgChatById(TG.chat);
  const bubble = el("div", {class: "tg-bubble"});
  if (!mine && chat && chat.kind !== "private") bubble.append(el("bdi", {class: "tg-from" + (m.from.bot ? " bot" : ""), text: m.from.name}));
  if (m.forwarded_from) bubble.append(el("div", {class: "tg-fwd"}, "Forwarded from ", el("bdi", {text: m.forwarded_from})));
  if (m.reply_to) {
    bubble.append(el("div", {class: "tg-quote", dataset: {jump: m.reply_to.id}, title: "Go to the message"},
      el("b", {text: m.reply_to.from}), el("bdi", {dir: "auto", text: m.reply_to.deleted ? "Deleted message" : m.reply_to.text || "…"})));
  }
  if (m.document) {
    bubble.append(el("a", {class: "tg-doc", href: `${m.document.url}?as=${TG.me}`, download: m.document.name},
      el("span", {class: "tg-doc-icon", text: "⬇", "aria-hidden": "true"}),
      el("span", {}, el("bdi", {text: m.document.name}), el("small", {text: `${Math.max(1, Math.round(m.document.size / 1024))} KB`}))));
  }
  if (m.text) {
    const text = el("div", {class: "tg-text", dir: "auto"});
    text.append(tgRenderText(m.text, m.entities));
    bubble.append(text);
  }
  if (m.force_reply) bubble.append(el("div", {class: "tg-force", text: "↩ Baithak asks for a reply: answer it in the box below" + (m.placeholder ? ` (${m.placeholder})` : "")}));
  bubble.append(el("div", {class: "tg-meta"},
    el("button", {type: "button", class: "tg-reply-btn", dataset: {reply: m.id}, text: "Reply"}),
    m.edit_date ? el("span", {class: "tg-edited", text: "edited"}) : null,
    el("time", {text: tgTime(m.edit_date || m.date)})));
  const node = el("article", {class: "tg-msg" + (mine ? " out" : "") + (m.from.bot ? " from-bot" : ""), dataset: {id: m.id}}, bubble);
  if (m.keyboard && m.keyboard.length) {
    node.append(el("div", {class: "tg-keyboard"}, ...m.keyboard.map((row) => el("div", {class: "tg-kb-row"},
      ...row.map((b) => b.url
        ? el("a", {class: "tg-kb url", href: tgSafeUrl(b.url) || "#", target: "_blank", rel: "noopener noreferrer", text: b.text, dir: "auto"})
        : el("button", {type: "button", class: "tg-kb", dir: "auto", dataset: {data: b.callback_data || "", message: m.id}, text: b.text}))))));
  }
  return node;
}

function tgRenderMessages() {
  const box = $("#tg-messages");
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  const list = [...TG.messages.values()].sort((a, b) => a.id - b.id);
  box.replaceChildren(...(list.length ? list.map(tgRenderMessage) : [el("div", {class: "tg-empty", text: "No messages here yet."})]));
  if (atBottom || !TG.rendered) box.scrollTop = box.scrollHeight;
  TG.rendered = true;
}

function tgUpsert(m) {
  const old = TG.messages.get(m.id);
  if (old && old.edit_count > m.edit_count) return;
  TG.messages.set(m.id, m);
  const box = $("#tg-messages");
  const existing = box.querySelector(`article.tg-msg[data-id="${m.id}"]`);
  if (existing) existing.replaceWith(tgRenderMessage(m));
  else tgRenderMessages();
  // A question asked with ForceReply, in answer to you (or in your private chat): the box replies to it.
  if (!old && m.force_reply && m.from.bot) {
    const chat = tgChatById(TG.chat);
    const mineAsked = m.reply_to && TG.messages.get(m.reply_to.id) && TG.messages.get(m.reply_to.id).from.id === TG.me;
    if ((chat && chat.kind === "private") || mineAsked || TG.lastAction === TG.chat) tgSetReply(m);
  }
}

function tgRenderPicker() {
  const picker = $("#tg-picker");
  picker.replaceChildren(...TG.state.people.map((p) => el("option", {value: p.id, selected: p.id === TG.me,
    text: `${p.name} — ${tgKind(p.kind)}${p.started ? "" : " (has not started the bot)"}`})));
  const me = tgPerson(TG.me);
  $("#tg-me-note").replaceChildren(el("span", {class: "role-chip", text: me.started ? "can get private messages" : "has not started the bot"}));
}

function tgRenderChats() {
  $("#tg-chats").replaceChildren(...TG.state.chats.map((c) => el("li", {},
    el("a", {href: "#", class: "tg-chat" + (c.id === TG.chat ? " active" : ""), dataset: {chat: c.id, kind: c.kind},
             onclick: (e) => { e.preventDefault(); tgOpenChat(c.id, {show: true}); }},
      tgAvatar(c.id, c.title),
      el("bdi", {class: "tg-chat-name", text: c.kind === "private" ? `${c.title} (bot)` : c.title}),
      el("bdi", {class: "tg-chat-last", dir: "auto", text: c.last ? (c.kind === "private" ? c.last.text : `${c.last.from}: ${c.last.text}`)
        : (c.kind === "private" && !c.started ? "Press Start to talk to the bot" : "")}),
      TG.unread.has(c.id) ? el("span", {class: "tg-badge", text: "•"}) : null))));
}

function tgRenderHeader() {
  const c = tgChatById(TG.chat);
  if (!c) return;
  $("#tg-chat-avatar").replaceWith(Object.assign(tgAvatar(c.id, c.title), {id: "tg-chat-avatar"}));
  $("#tg-chat-name").textContent = c.title;
  $("#tg-chat-sub").textContent = c.kind === "private" ? "bot" : `${c.members} members` + (c.kind === "moderators" ? " · moderators' group" : "");
  const locked = c.kind === "private" && !c.started;
  $("#tg-start").hidden = !locked;
  $("#tg-form").hidden = locked;
  $("#tg-input").placeholder = c.kind === "private" ? "Message" : `Message ${c.title}  (/ for commands)`;
  document.title = `${c.title} · Telegram · Baithak sandbox`;
}

function tgSetReply(m) {
  TG.replyTo = m;
  if (!m) { $("#tg-replying").hidden = true; return; }
  $("#tg-reply-name").textContent = `Reply to ${m.from.name}`;
  $("#tg-reply-text").textContent = m.text || (m.document ? m.document.name : "");
  $("#tg-replying").hidden = false;
  if (m.placeholder) $("#tg-input").placeholder = m.placeholder;
  $("#tg-input").focus({preventScroll: true});
}

async function tgLoadTour() {
  let data;
  try { data = await api("GET", `/api/tg/tour?as=${TG.me}`); } catch (e) { return; }
  $("#tg-tour-steps").replaceChildren(...data.steps.map((s) => el("li", {class: "tour-step" + (s.done ? " done" : ""), dataset: {step: s.key}},
    el("span", {class: "tick", text: s.done ? "✓" : "○"}), el("bdi", {text: s.text}))));
  if (!data.steps.length) $("#tg-tour-steps").append(el("li", {class: "tour-step", text: "Nothing planned for this member: explore freely."}));
  const done = data.steps.filter((s) => s.done).length;
  $("#tg-tour-count").textContent = data.steps.length ? `${done}/${data.steps.length}` : "";
  $("#tg-tour-others").replaceChildren(...data.others.slice(0, 4).map((o) => el("li", {},
    el("a", {href: "#", class: "tour-other", dataset: {member: o.id}, onclick: (e) => { e.preventDefault(); tgSwitch(o.id); }},
      el("bdi", {text: o.text})))));
}

// ------------------------------------------------------------------------------------------------
// loading and live updates

async function tgRefresh() {
  TG.state = await api("GET", `/api/tg/state?as=${TG.me}`);
  tgRenderPicker();
  tgRenderChats();
  tgRenderHeader();
  tgLoadTour();
}

async function tgLoadMessages() {
  const chat = TG.chat;
  const data = await api("GET", `/api/tg/chats/${chat}/messages?as=${TG.me}`);
  if (chat !== TG.chat) return;
  // Messages that arrived live while this was loading are kept (and the newer of two versions).
  const fresh = new Map(data.messages.map((m) => [m.id, m]));
  for (const [id, m] of TG.messages) if (!fresh.has(id) || fresh.get(id).edit_count < m.edit_count) fresh.set(id, m);
  TG.messages = fresh;
  TG.rendered = false;
  tgRenderMessages();
}

function tgConnect() {
  if (TG.events) TG.events.close();
  const source = new EventSource(`/api/tg/events?as=${TG.me}`);
  TG.events = source;
  source.onopen = () => $("#tg-live").classList.add("on");
  source.onerror = () => $("#tg-live").classList.remove("on");
  source.onmessage = (e) => {
    const ev = JSON.parse(e.data);
    if (ev.type === "hello") { tgRefresh().then(tgLoadMessages).catch((err) => tgError(err.message)); return; }
    if (ev.chat_id !== TG.chat) {
      if (ev.type === "message_created") { TG.unread.add(ev.chat_id); tgRefreshSoon(); }
      return;
    }
    if (ev.type === "message_deleted") {
      TG.messages.delete(ev.message.id);
      const node = $(`#tg-messages article.tg-msg[data-id="${ev.message.id}"]`);
      if (node) node.remove();
    } else {
      tgUpsert(ev.message);
    }
    if (ev.type === "message_created") tgRefreshSoon();
  };
}

let tgRefreshTimer = null;
function tgRefreshSoon() {  // the chat list's last lines, once a burst of messages has passed
  clearTimeout(tgRefreshTimer);
  tgRefreshTimer = setTimeout(() => tgRefresh().catch(() => {}), 300);
}

async function tgOpenChat(id, {show = false} = {}) {
  TG.chat = id;
  TG.unread.delete(id);
  TG.messages = new Map();
  tgSetReply(null);
  $("#tg-command-menu").hidden = true;
  if (show) $("#tg-shell").classList.add("show-chat");
  tgRemember();
  tgRenderChats();
  tgRenderHeader();
  $("#tg-messages").replaceChildren(el("div", {class: "tg-empty", text: "Loading…"}));
  try { await tgLoadMessages(); } catch (err) { tgError(err.message); }
}

async function tgSwitch(id) {
  TG.me = id;
  TG.unread.clear();
  tgClearError();
  await tgRefresh();
  if (!tgChatById(TG.chat)) TG.chat = TG.state.chats[0].id;
  tgConnect();
  await tgOpenChat(TG.chat);
}

async function tgBoot() {
  if (TG.booting || TG.state) return;
  TG.booting = true;
  let base;
  for (;;) {
    try { base = await api("GET", "/api/tg/state"); break; } catch (err) {
      $("#tg-starting").textContent = err.message;
      if (err.status !== 503) { TG.booting = false; return; }
      await new Promise((r) => setTimeout(r, 700));
    }
  }
  const wanted = TG_INITIAL.get("tg");
  TG.me = base.people.some((p) => p.id === wanted) ? wanted : (base.people.find((p) => p.kind === "creator") || base.people[0]).id;
  await tgRefresh();
  const chat = TG_INITIAL.get("chat");
  TG.chat = tgChatById(chat) ? chat : TG.state.chats[0].id;
  $("#tg-starting").hidden = true;
  $("#tg-shell").hidden = false;
  tgConnect();
  await tgOpenChat(TG.chat, {show: Boolean(tgChatById(chat)) || !tgNarrow()});
}

// ------------------------------------------------------------------------------------------------
// acting

function tgToast(text, alert = false) {
  if (!text) return;
  if (alert) {
    $("#tg-alert-text").textContent = text;
    $("#tg-alert").hidden = false;
    $("#tg-alert-ok").focus();
    return;
  }
  const toast = $("#tg-toast");
  toast.textContent = text;
  toast.hidden = false;
  clearTimeout(tgToast.timer);
  tgToast.timer = setTimeout(() => { toast.hidden = true; }, 4000);
}

async function tgPress(button) {
  tgClearError();
  button.disabled = true;
  button.classList.add("busy");
  TG.lastAction = TG.chat;
  try {
    const answer = await api("POST", "/api/tg/press", {as: TG.me, chat: TG.chat, message: button.dataset.message, data: button.dataset.data});
    tgToast(answer.text, answer.show_alert);
    tgLoadTour();
  } catch (err) {
    tgError(err.message);
  } finally {
    if (button.isConnected) { button.disabled = false; button.classList.remove("busy"); }
  }
}

async function tgSend(e) {
  e.preventDefault();
  const input = $("#tg-input");
  const text = input.value.trim();
  if (!text) return;
  tgClearError();
  TG.lastAction = TG.chat;
  // The reply is taken now: the bot's answer (perhaps its next question) may arrive before ours returns.
  const replyTo = TG.replyTo;
  tgSetReply(null);
  tgRenderHeader();
  try {
    await api("POST", "/api/tg/send", {as: TG.me, chat: TG.chat, text, reply_to: replyTo ? replyTo.id : null});
    if (input.value.trim() === text) input.value = "";
    $("#tg-command-menu").hidden = true;
    tgLoadTour();
  } catch (err) {
    if (!TG.replyTo && replyTo) tgSetReply(replyTo);
    tgError(err.message);
  }
}

async function tgStart(payload = null) {
  tgClearError();
  try {
    const result = await api("POST", "/api/tg/start", {as: TG.me, payload});
    await tgRefresh();
    if (TG.chat !== result.chat) await tgOpenChat(result.chat, {show: true});
    else tgRenderHeader();
  } catch (err) {
    tgError(err.message);
  }
}

function tgOpenCommands() {
  const c = tgChatById(TG.chat);
  const list = (c && c.commands) || [];
  const filter = $("#tg-input").value.replace(/^\//, "").split(/\s/)[0].toLowerCase();
  const shown = list.filter((cmd) => cmd.command.startsWith(filter));
  $("#tg-command-list").replaceChildren(...shown.map((cmd) => el("li", {class: "tg-command", dataset: {command: cmd.command},
      onclick: () => { $("#tg-input").value = `/${cmd.command} `; $("#tg-command-menu").hidden = true; $("#tg-input").focus(); }},
    el("b", {text: "/" + cmd.command}), el("bdi", {text: cmd.description}))));
  $("#tg-command-menu").hidden = !shown.length;
}

// A t.me link to this bot with ?start=...: pressing it opens the private chat and presses Start.
function tgStartPayload(href) {
  if (!TG.state) return undefined;
  try {
    const u = new URL(href);
    if (u.host !== "t.me" || u.pathname.replace(/^\//, "").toLowerCase() !== TG.state.bot.username.toLowerCase()) return undefined;
    return u.searchParams.get("start");
  } catch (e) { return undefined; }
}

function tgWire() {
  $("#tab-discord").addEventListener("click", () => showPlatform("discord"));
  $("#tab-telegram").addEventListener("click", () => showPlatform("telegram"));
  $("#tg-picker").addEventListener("change", (e) => tgSwitch(e.target.value));
  $("#tg-form").addEventListener("submit", tgSend);
  $("#tg-start").addEventListener("click", () => tgStart());
  $("#tg-commands").addEventListener("click", () => { if ($("#tg-command-menu").hidden) tgOpenCommands(); else $("#tg-command-menu").hidden = true; });
  $("#tg-input").addEventListener("input", (e) => { if (e.target.value.startsWith("/")) tgOpenCommands(); else $("#tg-command-menu").hidden = true; });
  $("#tg-reply-cancel").addEventListener("click", () => { tgSetReply(null); tgRenderHeader(); });
  $("#tg-back").addEventListener("click", () => $("#tg-shell").classList.remove("show-chat"));
  $("#tg-banner-close").addEventListener("click", tgClearError);
  $("#tg-alert-ok").addEventListener("click", () => { $("#tg-alert").hidden = true; });
  $("#tg-messages").addEventListener("click", (e) => {
    const button = e.target.closest("button.tg-kb");
    if (button) { tgPress(button); return; }
    const reply = e.target.closest(".tg-reply-btn");
    if (reply) { tgSetReply(TG.messages.get(+reply.dataset.reply)); return; }
    const quote = e.target.closest(".tg-quote");
    if (quote) {
      const target = $(`#tg-messages article.tg-msg[data-id="${quote.dataset.jump}"]`);
      if (target) { target.scrollIntoView({block: "center"}); target.classList.add("flash"); setTimeout(() => target.classList.remove("flash"), 1300); }
      return;
    }
    const cmd = e.target.closest(".tg-cmd");
    if (cmd) { $("#tg-input").value = cmd.dataset.command.split("@")[0] + " "; $("#tg-input").focus(); return; }
    const spoiler = e.target.closest(".tg-spoiler");
    if (spoiler) { spoiler.classList.add("revealed"); return; }
    const link = e.target.closest("a[href]");
    if (link) {
      const payload = tgStartPayload(link.href);
      if (payload !== undefined) { e.preventDefault(); tgStart(payload); }
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  tgWire();
  if (TG_INITIAL.has("tg")) showPlatform("telegram", {remember: false});
});
