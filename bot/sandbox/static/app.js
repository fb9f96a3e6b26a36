// Baithak sandbox page: plain JavaScript over the sandbox API (see bot/sandbox/web.py).
"use strict";

const S = {
  state: null,        // /api/state for the current member
  me: null,           // current member id (string)
  channel: null,      // current channel id (string)
  messages: new Map(),// id -> message, for the current channel
  unread: new Set(),
  dismissed: new Set(),
  events: null,       // EventSource
  command: null,      // {path, schema, cmd}
  modal: null,        // {interaction_id, data}
};

const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "html") node.innerHTML = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
};

// ---------------------------------------------------------------------------------------------------
// talking to the sandbox

async function api(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: body ? {"Content-Type": "application/json"} : {},
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new Error("Cannot reach the sandbox: is `make run` still running?");
  }
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok) {
    const err = new Error((data && data.error) || `The sandbox answered ${res.status} ${res.statusText}`);
    err.status = res.status;
    err.data = data;
    throw err;
  }
  return data;
}

function showError(message) {
  $("#banner-text").textContent = message;
  $("#banner").hidden = false;
}
function clearError() { $("#banner").hidden = true; }

// ---------------------------------------------------------------------------------------------------
// names, colours, time

const memberById = (id) => S.state && S.state.members.find((m) => m.id === id);
const roleById = (id) => S.state && S.state.roles.find((r) => r.id === id);
const channelById = (id) => S.state && (S.state.all_channels.find((c) => c.id === id));
const hex = (n) => "#" + (n || 0).toString(16).padStart(6, "0");
const compareIds = (a, b) => (a.length - b.length) || (a < b ? -1 : a > b ? 1 : 0);

function kindLabel(kind) {
  return {admin: "admin", organiser: "organiser", moderator: "moderator", creator: "creator", bot: "bot"}[kind] || kind;
}

function formatTimestamp(unix, style) {
  const d = new Date(unix * 1000);
  const o = {
    t: {timeStyle: "short"}, T: {timeStyle: "medium"}, d: {dateStyle: "short"}, D: {dateStyle: "long"},
    f: {dateStyle: "long", timeStyle: "short"}, F: {dateStyle: "full", timeStyle: "short"},
  }[style || "f"];
  if (style === "R") return relative(d);
  return new Intl.DateTimeFormat(undefined, o || {dateStyle: "long", timeStyle: "short"}).format(d);
}

function relative(date) {
  const diff = (date.getTime() - Date.now()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(undefined, {numeric: "auto"});
  const units = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600],
                 ["minute", 60], ["second", 1]];
  for (const [unit, secs] of units) {
    if (Math.abs(diff) >= secs || unit === "second") return rtf.format(Math.round(diff / secs), unit);
  }
  return "";
}

function messageTime(iso) {
  const d = new Date(iso);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  const time = new Intl.DateTimeFormat(undefined, {timeStyle: "short"}).format(d);
  return sameDay ? `Today at ${time}` : new Intl.DateTimeFormat(undefined, {dateStyle: "short", timeStyle: "short"}).format(d);
}

// ---------------------------------------------------------------------------------------------------
// Discord markdown (the subset bots use): code, bold, italics, underline, strike, links, mentions,
// timestamps, headings, quotes and lists

function escapeHtml(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function safeUrl(url) {
  return /^(https?:|mailto:|\/attachments\/)/i.test(url) ? url : null;
}

function markdown(text, {inline = false} = {}) {
  if (!text) return "";
  const slots = [];
  const keep = (html) => `\u0000${slots.push(html) - 1}\u0000`;
  let s = escapeHtml(text);
  s = s.replace(/```(?:[\w+-]*\n)?([\s\S]*?)```/g, (_, code) => keep(`<pre class="code-block"><code>${code.replace(/\n$/, "")}</code></pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_, code) => keep(`<code>${code}</code>`));
  s = s.replace(/\[([^\]\n]+)\]\((?:&lt;)?(https?:\/\/[^\s)]+?)(?:&gt;)?\)/g, (_, label, url) => {
    const raw = url.replace(/&amp;/g, "&");
    const jump = jumpTarget(raw);
    if (jump) return keep(`<a class="jump" dir="auto" href="#" data-channel="${jump.channel}" data-message="${jump.message}" title="${escapeHtml(raw)}">${label}</a>`);
    const href = safeUrl(raw);
    return href ? keep(`<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a>`) : label;
  });
  s = s.replace(/&lt;(https?:\/\/[^\s]+?)&gt;/g, (_, url) => keep(link(url)));
  s = s.replace(/https?:\/\/(?:(?!&gt;|&lt;|&quot;)[^\s<\u0000])+/g, (url) => {
    const trail = url.match(/(?:[.,;:!?)']|&#39;)+$/);  // sentence punctuation after a link is not part of it
    const body = trail ? url.slice(0, -trail[0].length) : url;
    return keep(link(body)) + (trail ? trail[0] : "");
  });
  s = s.replace(/&lt;t:(-?\d+)(?::([tTdDfFR]))?&gt;/g, (_, unix, style) =>
    keep(`<time dir="auto" class="ts${style === "R" ? " ts-relative" : ""}" data-unix="${unix}" data-style="${style || "f"}" ` +
         `datetime="${new Date(unix * 1000).toISOString()}" title="${escapeHtml(formatTimestamp(+unix, "F"))}">` +
         `${escapeHtml(formatTimestamp(+unix, style))}</time>`));
  s = s.replace(/&lt;@!?(\d+)&gt;/g, (_, id) => {
    const m = memberById(id);
    const name = m ? m.name : (S.state && S.state.bot.id === id ? S.state.bot.name : "unknown-user");
    return keep(`<span class="mention" dir="auto" data-user="${id}">@${escapeHtml(name)}</span>`);
  });
  s = s.replace(/&lt;@&amp;(\d+)&gt;/g, (_, id) => {
    const r = roleById(id);
    const style = r && r.color ? ` style="color:${hex(r.color)};background:${hex(r.color)}22"` : "";
    return keep(`<span class="mention role" dir="auto"${style}>@${escapeHtml(r ? r.name : "deleted-role")}</span>`);
  });
  s = s.replace(/&lt;#(\d+)&gt;/g, (_, id) => {
    const c = channelById(id);
    return keep(`<a class="mention channel-mention" dir="auto" href="#" data-channel="${id}">#${escapeHtml(c ? c.name : "unknown")}</a>`);
  });
  s = s.replace(/&lt;\/([\w -]+):\d+&gt;/g, (_, name) => keep(`<span class="mention">/${name}</span>`));
  s = s.replace(/&lt;a?:(\w+):\d+&gt;/g, (_, name) => `:${name}:`);
  s = s.replace(/@(everyone|here)\b/g, (_, w) => keep(`<span class="mention">@${w}</span>`));
  s = s.replace(/\*\*\*([^*\n]+)\*\*\*/g, "<strong><em>$1</em></strong>");
  s = s.replace(/\*\*([^\n]+?)\*\*/g, "<strong>$1</strong>");
  s = s.replace(/__([^\n]+?)__/g, "<u>$1</u>");
  s = s.replace(/(^|[^\w*])\*([^*\n]+)\*(?!\w)/g, "$1<em>$2</em>");
  s = s.replace(/(^|[^\w])_([^_\n]+)_(?!\w)/g, "$1<em>$2</em>");
  s = s.replace(/~~([^\n]+?)~~/g, "<s>$1</s>");
  s = s.replace(/\|\|([^\n]+?)\|\|/g, '<span class="spoiler" title="Spoiler: click to reveal">$1</span>');
  if (!inline) {
    const lines = s.split("\n").map((line) => {
      let m;
      if ((m = line.match(/^(#{1,3}) (.*)$/))) return `<div class="h${m[1].length}">${m[2]}</div>`;
      if ((m = line.match(/^-# (.*)$/))) return `<div class="subtext">${m[1]}</div>`;
      if ((m = line.match(/^&gt; (.*)$/))) return `<div class="quote">${m[1]}</div>`;
      if ((m = line.match(/^(\s*)[-*] (.*)$/))) return `<div class="li" style="margin-inline-start:${0.5 + m[1].length / 2}em">• ${m[2]}</div>`;
      return line + "\n";
    });
    s = lines.join("").replace(/\n$/, "").replace(/\n/g, "<br>");
  }
  return s.replace(/\u0000(\d+)\u0000/g, (_, i) => slots[+i]).replace(/\u0000(\d+)\u0000/g, (_, i) => slots[+i]);
}

function jumpTarget(url) {
  const m = url.match(/^https:\/\/(?:\w+\.)?discord(?:app)?\.com\/channels\/(\d+|@me)\/(\d+)(?:\/(\d+))?$/);
  return m && S.state && channelById(m[2]) ? {channel: m[2], message: m[3] || ""} : null;
}

function link(url) {
  const raw = url.replace(/&amp;/g, "&");
  const jump = jumpTarget(raw);
  if (jump) {  // a jump link inside the sandbox: open it here
    return `<a class="jump" dir="auto" href="#" data-channel="${jump.channel}" data-message="${jump.message}" title="${escapeHtml(raw)}">` +
           `#${escapeHtml(channelById(jump.channel).name)}${jump.message ? " › message" : ""}</a>`;
  }
  const href = safeUrl(raw);
  return href ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${url}</a>` : url;
}

function mdBlock(tag, cls, text, inline = false) {
  return el(tag, {class: cls, dir: "auto", html: markdown(text, {inline})});
}

// ---------------------------------------------------------------------------------------------------
// rendering a message

const EYE = "M12 5C6.5 5 2.7 9.1 1.5 12c1.2 2.9 5 7 10.5 7s9.3-4.1 10.5-7C21.3 9.1 17.5 5 12 5zm0 11.5A4.5 4.5 0 1 1 12 7.5a4.5 4.5 0 0 1 0 9zm0-7a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z";
const FILE = "M6 2h8l6 6v13a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zm7 1.5V9h5.5L13 3.5zM8 13h8v1.5H8V13zm0 3.5h8V18H8v-1.5z";

function icon(path, cls) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "icon " + cls);
  svg.setAttribute("aria-hidden", "true");
  const p = document.createElementNS("http://www.w3.org/2000/svg", "path");
  p.setAttribute("d", path);
  p.setAttribute("fill", "currentColor");
  svg.append(p);
  return svg;
}

function avatar(user) {
  const m = memberById(user.id);
  const name = user.display_name || user.global_name || user.username || "?";
  const color = user.bot ? "#5865f2" : (m && m.color ? hex(m.color) : "#4e5058");
  return el("div", {class: "avatar", style: `background:${color}`, "aria-hidden": "true", text: [...name][0].toUpperCase()});
}

function renderMessage(msg) {
  const author = msg.author || {};
  const node = el("article", {class: "message" + (msg.ephemeral ? " ephemeral" : "") + (author.bot ? " from-bot" : "") +
                                     (pingsMe(msg) ? " mentioned" : ""),
                              dataset: {id: msg.id, testid: "message"}});
  const meta = msg.interaction_metadata;
  if (meta && meta.user && meta.name) {  // as Discord: "<member> used /command" above a command's reply
    const who = memberById(meta.user.id);
    const name = who ? who.name : (meta.user.global_name || meta.user.username);
    node.append(el("div", {class: "reply-line", dir: "ltr"}, el("span", {class: "reply-icon", text: "↱"}),
      el("bdi", {class: "reply-user", text: name}), ` used /${meta.name}`));
  }
  const body = el("div", {class: "message-body"});
  const header = el("header", {},
    el("bdi", {class: "author", text: author.display_name || author.global_name || author.username,
                style: (() => { const m = memberById(author.id); return m && m.color ? `color:${hex(m.color)}` : null; })()}),
    author.bot ? el("span", {class: "bot-tag", text: "APP"}) : null,
    el("time", {class: "msg-time", datetime: msg.timestamp, title: new Date(msg.timestamp).toLocaleString(), text: messageTime(msg.timestamp)}),
    msg.edited_timestamp ? el("span", {class: "edited", title: new Date(msg.edited_timestamp).toLocaleString(), text: "(edited)"}) : null);
  body.append(header);
  if (msg.loading) body.append(el("div", {class: "thinking", text: `${author.display_name || "The bot"} is thinking…`}));
  if (msg.content) body.append(mdBlock("div", "content", msg.content));
  for (const embed of msg.embeds || []) body.append(renderEmbed(embed));
  if ((msg.attachments || []).length) body.append(el("div", {class: "attachments"}, msg.attachments.map(renderAttachment)));
  if ((msg.components || []).length) body.append(renderComponents(msg.components, msg));
  if ((msg.reactions || []).length) body.append(el("div", {class: "reactions"}, msg.reactions.map((r) =>
    el("span", {class: "reaction", text: `${r.emoji.name} ${r.count}`}))));
  if (msg.ephemeral) {
    body.append(el("div", {class: "ephemeral-note", dataset: {testid: "ephemeral-note"}},
      icon(EYE, "eye"), " Only you can see this · ",
      el("a", {href: "#", class: "dismiss", onclick: (e) => { e.preventDefault(); S.dismissed.add(msg.id); node.remove(); }, text: "Dismiss message"})));
  }
  node.append(avatar(author), body, messageActions(msg));
  return node;
}

// As Discord: a message that notified you (your name, one of your roles, @everyone) stands out.
function pingsMe(msg) {
  const me = memberById(S.me);
  if (!me) return false;
  return Boolean(msg.mention_everyone) || (msg.mentions || []).some((u) => u.id === S.me) ||
    (msg.mention_roles || []).some((id) => (me.role_ids || []).includes(id));
}

function messageActions(msg) {
  const box = el("div", {class: "msg-actions"});
  if (!S.state || msg.ephemeral || msg.loading) return box;
  for (const cmd of S.state.commands.filter((c) => c.type === 3)) {
    box.append(el("button", {type: "button", class: "msg-action", dataset: {context: cmd.name},
      title: `Apps › ${cmd.name}`, text: (/report/i.test(cmd.name) ? "⚑ " : "⌘ ") + cmd.name,
      onclick: (e) => runInteraction(e.currentTarget, "/api/context", {message: msg.id, name: cmd.name})}));
  }
  if (msg.author && !msg.author.bot && memberById(msg.author.id)) {
    for (const cmd of S.state.commands.filter((c) => c.type === 2)) {
      box.append(el("button", {type: "button", class: "msg-action", dataset: {context: cmd.name},
        title: `Apps › ${cmd.name} (on ${msg.author.display_name})`, text: "👤 " + cmd.name,
        onclick: (e) => runInteraction(e.currentTarget, "/api/context", {channel: S.channel, user: msg.author.id, name: cmd.name})}));
    }
  }
  return box;
}

function renderEmbed(embed) {
  const color = embed.color !== undefined && embed.color !== null ? hex(embed.color) : "#1e1f22";
  const main = el("div", {class: "embed-main"});
  if (embed.author && embed.author.name) {
    main.append(el("div", {class: "embed-author", dir: "auto"},
      embed.author.icon_url ? el("img", {src: embed.author.icon_url, alt: ""}) : null,
      embed.author.url && safeUrl(embed.author.url) ? el("a", {href: embed.author.url, target: "_blank", rel: "noopener", text: embed.author.name})
        : el("span", {text: embed.author.name})));
  }
  if (embed.title) {
    const title = el("div", {class: "embed-title", dir: "auto"});
    const html = markdown(embed.title, {inline: true});
    if (embed.url && safeUrl(embed.url)) title.append(el("a", {href: embed.url, target: "_blank", rel: "noopener", html}));
    else title.innerHTML = html;
    main.append(title);
  }
  if (embed.description) main.append(mdBlock("div", "embed-description", embed.description));
  if ((embed.fields || []).length) {
    main.append(el("div", {class: "embed-fields"}, embed.fields.map((f) =>
      el("div", {class: "embed-field" + (f.inline ? " inline" : ""), dataset: {field: f.name}},
        mdBlock("div", "field-name", f.name, true), mdBlock("div", "field-value", f.value)))));
  }
  if (embed.image && embed.image.url) main.append(el("img", {class: "embed-image", src: embed.image.url, alt: ""}));
  const footerBits = [];
  if (embed.footer && embed.footer.text) footerBits.push(embed.footer.text);
  if (embed.timestamp) footerBits.push(new Date(embed.timestamp).toLocaleString());
  if (footerBits.length) {
    main.append(el("div", {class: "embed-footer", dir: "auto"},
      embed.footer && embed.footer.icon_url ? el("img", {src: embed.footer.icon_url, alt: ""}) : null,
      el("span", {text: footerBits.join(" • ")})));
  }
  const grid = el("div", {class: "embed-grid"}, main,
    embed.thumbnail && embed.thumbnail.url ? el("img", {class: "embed-thumb", src: embed.thumbnail.url, alt: ""}) : null);
  return el("div", {class: "embed", style: `border-inline-start-color:${color}`, dataset: {testid: "embed"}}, grid);
}

function renderAttachment(att) {
  const size = att.size >= 1024 * 1024 ? `${(att.size / 1048576).toFixed(1)} MB` : att.size >= 1024 ? `${(att.size / 1024).toFixed(1)} KB` : `${att.size} bytes`;
  const isImage = /^image\//.test(att.content_type || "");
  return el("div", {class: "attachment"},
    isImage ? el("img", {src: att.url, alt: att.filename, class: "attachment-image"}) : null,
    el("a", {class: "attachment-file", href: att.url, download: att.filename, dataset: {testid: "attachment"}},
      icon(FILE, "file-icon"),
      el("span", {class: "file-name", text: att.filename}),
      el("span", {class: "file-size", text: size})));
}

function renderComponents(components, msg) {
  const box = el("div", {class: "components"});
  for (const c of components) box.append(renderComponent(c, msg));
  return box;
}

function emojiText(e) { return e ? (e.name && !e.id ? e.name + " " : `:${e.name}: `) : ""; }

function renderComponent(c, msg) {
  switch (c.type) {
    case 1: return el("div", {class: "action-row"}, (c.components || []).map((x) => renderComponent(x, msg)));
    case 2: {
      const label = emojiText(c.emoji) + (c.label || "");
      if (c.style === 5) {
        return el("a", {class: "btn btn-link", href: safeUrl(c.url || "") || "#", target: "_blank", rel: "noopener",
                        "aria-disabled": c.disabled ? "true" : null, text: label + " ↗"});
      }
      return el("button", {type: "button", class: `btn btn-${c.style || 2}`, disabled: !!c.disabled,
        dataset: {customId: c.custom_id || ""}, text: label,
        onclick: (e) => runInteraction(e.currentTarget, "/api/click", {message: msg.id, custom_id: c.custom_id})});
    }
    case 3: case 5: case 6: case 7: case 8: return renderSelect(c, msg);
    case 9: return el("div", {class: "section"}, el("div", {class: "section-text"}, (c.components || []).map((x) => renderComponent(x, msg))),
                      c.accessory ? renderComponent(c.accessory, msg) : null);
    case 10: return mdBlock("div", "text-display", c.content || "");
    case 11: return c.media && c.media.url ? el("img", {class: "thumbnail", src: c.media.url, alt: c.description || ""}) : el("span");
    case 12: return el("div", {class: "gallery"}, (c.items || []).map((i) => el("img", {src: i.media.url, alt: i.description || ""})));
    case 13: return c.file ? el("a", {class: "attachment-file", href: c.file.url, download: ""}, "📄 " + (c.name || "file")) : el("span");
    case 14: return el("hr", {class: c.divider === false ? "spacer" : "separator"});
    case 17: return el("div", {class: "container", style: c.accent_color ? `border-inline-start-color:${hex(c.accent_color)}` : null},
                       (c.components || []).map((x) => renderComponent(x, msg)));
    default: return el("div", {class: "unknown-component", text: `(component type ${c.type})`});
  }
}

function selectOptions(c) {
  if (c.type === 3) return (c.options || []).map((o) => ({value: o.value, label: emojiText(o.emoji) + o.label, description: o.description, default: o.default}));
  const members = S.state.members.filter((m) => !m.bot || c.type !== 5).map((m) => ({value: m.id, label: "@" + m.name}));
  const roles = S.state.roles.map((r) => ({value: r.id, label: "@" + r.name}));
  const channels = S.state.all_channels.filter((ch) => !c.channel_types || c.channel_types.includes(ch.type)).map((ch) => ({value: ch.id, label: "#" + ch.name}));
  return {5: members, 6: roles, 7: channels, 8: members.concat(roles)}[c.type];
}

function renderSelect(c, msg) {
  const multiple = (c.max_values || 1) > 1;
  const select = el("select", {class: "select", disabled: !!c.disabled, multiple, dataset: {customId: c.custom_id || ""},
                               "aria-label": c.placeholder || "Choose"});
  if (!multiple) select.append(el("option", {value: "", disabled: true, selected: true, text: c.placeholder || "Make a selection"}));
  for (const o of selectOptions(c)) {
    select.append(el("option", {value: o.value, title: o.description || null, text: o.label + (o.description ? ` — ${o.description}` : "")}));
  }
  const send = (target) => {
    const values = [...select.selectedOptions].map((o) => o.value).filter((v) => v !== "");
    runInteraction(target, "/api/select", {message: msg.id, custom_id: c.custom_id, values});
  };
  if (!multiple) {
    select.addEventListener("change", () => send(select));
    return el("div", {class: "select-wrap"}, select);
  }
  return el("div", {class: "select-wrap"}, select,
    el("button", {type: "button", class: "btn btn-1", disabled: !!c.disabled, text: "Choose", onclick: (e) => send(e.currentTarget)}));
}

// ---------------------------------------------------------------------------------------------------
// the message list

function renderMessages() {
  const box = $("#messages");
  // A message drawn already and unchanged keeps its element (a reload after reconnecting, or the
  // first live-updates hello, must not swap the elements of what someone is reading or clicking).
  const drawn = new Map([...box.querySelectorAll("article.message")].map((n) => [n.dataset.id, n]));
  box.replaceChildren();
  const ordered = [...S.messages.values()].sort((a, b) => compareIds(a.id, b.id));
  if (!ordered.length) {
    box.append(el("div", {class: "empty", text: S.channel === (S.state && S.state.dm_channel)
      ? "No direct messages from the bot yet. Reminders, waitlist promotions and report outcomes arrive here."
      : "No messages yet. Run a command with / or say something below."}));
  }
  for (const msg of ordered) {
    if (S.dismissed.has(msg.id)) continue;
    const key = S.me + " " + JSON.stringify(msg);
    const old = drawn.get(msg.id);
    const node = old && old.drawnFrom === key ? old : renderMessage(msg);
    node.drawnFrom = key;
    box.append(node);
  }
  box.scrollTop = box.scrollHeight;
}

function upsertMessage(msg) {
  if (S.dismissed.has(msg.id)) return;
  const known = S.messages.get(msg.id);
  if (known && (known.edit_count || 0) > (msg.edit_count || 0)) return;  // an older copy (an API reply after the live edit)
  const box = $("#messages");
  const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  const existing = box.querySelector(`article.message[data-id="${msg.id}"]`);
  const isNew = !S.messages.has(msg.id);
  S.messages.set(msg.id, msg);
  const node = renderMessage(msg);
  if (existing) {
    existing.replaceWith(node);
    node.classList.add("flash");
  } else {
    const empty = box.querySelector(".empty");
    if (empty) empty.remove();
    const after = [...box.querySelectorAll("article.message")].find((n) => compareIds(n.dataset.id, msg.id) > 0);
    box.insertBefore(node, after || null);
  }
  if (isNew && (nearBottom || msg.ephemeral || msg.author.id === S.me)) node.scrollIntoView({block: "end"});
}

function removeMessage(id) {
  S.messages.delete(id);
  const node = $(`#messages article.message[data-id="${id}"]`);
  if (node) node.remove();
}

async function loadMessages() {
  const channel = S.channel;
  const data = await api("GET", `/api/channels/${channel}/messages?as=${S.me}`);
  if (channel !== S.channel) return;
  S.messages = new Map(data.messages.map((m) => [m.id, m]));
  renderMessages();
}

// ---------------------------------------------------------------------------------------------------
// live updates

function connectEvents() {
  if (S.events) S.events.close();
  const source = new EventSource(`/api/events?as=${S.me}`);
  S.events = source;
  source.onopen = () => $("#live").classList.add("on");
  source.onerror = () => $("#live").classList.remove("on");
  source.onmessage = (e) => {
    const ev = JSON.parse(e.data);
    if (ev.type === "hello") {  // (re)connected: catch up; a restarted sandbox has a new world, so start over
      refreshState().then(loadMessages).catch((err) => {
        if (err.status === 400 || err.status === 404) { location.hash = ""; location.reload(); } else showError(err.message);
      });
      return;
    }
    if (ev.type === "state") { refreshState().catch(() => {}); return; }
    if (ev.channel_id !== S.channel) {
      if (ev.type === "message_created") { S.unread.add(ev.channel_id); renderChannels(); }
      return;
    }
    if (ev.type === "message_deleted") removeMessage(ev.message.id);
    else upsertMessage(ev.message);
  };
}

// ---------------------------------------------------------------------------------------------------
// who am I, channels, members

async function refreshState() {
  S.state = await api("GET", `/api/state?as=${S.me}`);
  renderPicker();
  renderChannels();
  renderMembers();
  renderHeader();
  if (typeof loadTour === "function") loadTour();  // tour.js
  if (S.command) {  // the command may have changed its schema
    const fresh = leafCommands().find((c) => c.path === S.command.path);
    if (!fresh) closeCommandForm();
  }
}

function renderPicker() {
  const picker = $("#member-picker");
  const option = (m) => el("option", {value: m.id, selected: m.id === S.me, text: `${m.name} — ${kindLabel(m.kind)}`});
  const people = S.state.people || S.state.members.filter((m) => !m.bot);
  const guilds = S.state.guilds || [];
  if (guilds.length > 1) {  // one group per server: choosing someone in another server moves you there
    picker.replaceChildren(...guilds.map((g) => el("optgroup", {label: g.name},
      ...people.filter((m) => m.guild === g.id).map(option))));
  } else {
    picker.replaceChildren(...people.map(option));
  }
  $("#guild-name").textContent = S.state.guild.name;
  // The page speaks the selected server's language (urdu.css: Nastaliq fonts and line height).
  document.documentElement.lang = S.state.guild.language === "ur" ? "ur" : "en";
  const me = memberById(S.me);
  $("#me-roles").replaceChildren(...(me ? me.roles : []).map((r) => el("span", {class: "role-chip", text: r})));
  if (me && !me.roles.length) $("#me-roles").append(el("span", {class: "role-chip plain", text: "member"}));
}

function renderChannels() {
  const list = $("#channel-list");
  list.replaceChildren(...S.state.channels.map((c) => el("li", {},
    el("a", {href: "#", class: "channel" + (c.id === S.channel ? " active" : "") + (S.unread.has(c.id) ? " unread" : ""),
             dataset: {channel: c.id, name: c.name}, onclick: (e) => { e.preventDefault(); openChannel(c.id); }},
      el("span", {class: "hash", text: "#"}), c.name))));
  const dm = S.state.dm_channel;
  $("#dm-list").replaceChildren(el("li", {}, el("a", {href: "#", class: "channel dm" + (dm === S.channel ? " active" : "") + (S.unread.has(dm) ? " unread" : ""),
    dataset: {channel: dm, name: "dm"}, onclick: (e) => { e.preventDefault(); openChannel(dm); }},
    el("span", {class: "avatar small", style: "background:#5865f2", text: "B"}), S.state.bot.name)));
}

function renderMembers() {
  const groups = new Map();
  for (const m of S.state.members) {
    const group = m.bot ? "Apps" : (m.roles[0] || "Members");
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(m);
  }
  const box = $("#member-groups");
  box.replaceChildren();
  for (const [name, members] of groups) {
    box.append(el("h3", {text: `${name} — ${members.length}`}));
    for (const m of members) {
      box.append(el("div", {class: "member" + (m.id === S.me ? " me" : ""),
        title: m.bot ? "The bot" : `Act as ${m.name}`,
        onclick: () => { if (!m.bot) switchMember(m.id); }},
        avatar({id: m.id, display_name: m.name, bot: m.bot}),
        el("bdi", {style: m.color ? `color:${hex(m.color)}` : null, text: m.name}),
        m.bot ? el("span", {class: "bot-tag", text: "APP"}) : null));
    }
  }
}

function renderHeader() {
  const isDm = S.channel === S.state.dm_channel;
  const ch = S.state.channels.find((c) => c.id === S.channel);
  $("#channel-icon").textContent = isDm ? "@" : "#";
  $("#channel-name").textContent = isDm ? S.state.bot.name : (ch ? ch.name : "");
  $("#channel-topic").textContent = isDm ? "Direct messages from the bot to you" : (ch ? ch.topic : "");
  $("#post-input").placeholder = isDm ? `Message @${S.state.bot.name}` : `Message #${ch ? ch.name : ""}  (type / for commands)`;
  document.title = `${isDm ? "@" + S.state.bot.name : "#" + (ch ? ch.name : "")} · Baithak sandbox`;
}

async function openChannel(id) {
  S.channel = id;
  S.unread.delete(id);
  S.messages = new Map();
  location.hash = `as=${S.me}&channel=${id}`;
  renderChannels();
  renderHeader();
  $("#messages").replaceChildren(el("div", {class: "empty", text: "Loading…"}));
  try { await loadMessages(); } catch (err) { showError(err.message); }
}

async function switchMember(id) {
  S.me = id;
  S.unread.clear();
  S.dismissed.clear();
  closeCommandForm();
  clearError();
  await refreshState();
  const visible = S.state.channels.some((c) => c.id === S.channel) || S.channel === S.state.dm_channel;
  if (!visible) S.channel = (S.state.channels.find((c) => c.name === "general") || S.state.channels[0]).id;
  connectEvents();
  await openChannel(S.channel);
}

// ---------------------------------------------------------------------------------------------------
// acting: buttons, selects, context menus, modals

async function runInteraction(control, path, body) {
  clearError();
  const wasDisabled = control && control.disabled;
  if (control) { control.disabled = true; control.classList.add("busy"); }
  try {
    const result = await api("POST", path, Object.assign({as: S.me}, body));
    handleResult(result);
    return result;
  } catch (err) {
    showError(err.message);
    if (control && control.tagName === "SELECT") control.selectedIndex = 0;
    return null;
  } finally {
    if (control && control.isConnected) { control.disabled = wasDisabled; control.classList.remove("busy"); }
  }
}

function handleResult(result) {
  if (!result) return;
  if (typeof loadTour === "function") loadTour();  // tour.js: the step just tried is ticked
  if (result.error) showError(result.error);
  if (result.message && result.message.channel_id === S.channel) upsertMessage(result.message);
  if (result.modal) openModal(result.interaction_id, result.modal);
}

function modalFields(data) {
  const fields = [];
  for (const comp of data.components || []) {
    if (comp.type === 1) for (const child of comp.components || []) fields.push({label: child.label, description: null, input: child});
    else if (comp.type === 18 && comp.component) fields.push({label: comp.label, description: comp.description, input: comp.component});
    else if (comp.type === 10) fields.push({text: comp.content});
  }
  return fields;
}

function openModal(interactionId, data) {
  S.modal = {interaction_id: interactionId, data};
  $("#modal-title").textContent = data.title || "";
  $("#modal-error").hidden = true;
  const box = $("#modal-fields");
  box.replaceChildren();
  for (const f of modalFields(data)) {
    if (f.text !== undefined) { box.append(mdBlock("div", "modal-text", f.text)); continue; }
    const c = f.input;
    const id = `modal-${c.custom_id}`;
    const required = c.required !== false;
    let input;
    if (c.type === 4) {
      const attrs = {id, name: c.custom_id, dir: "auto", required, placeholder: c.placeholder || null,
                     minlength: c.min_length || null, maxlength: c.max_length || null};
      input = c.style === 2 ? el("textarea", Object.assign(attrs, {rows: 4})) : el("input", Object.assign(attrs, {type: "text"}));
      input.value = c.value || "";
    } else if ([3, 5, 6, 7, 8].includes(c.type)) {
      const multiple = (c.max_values || 1) > 1;
      input = el("select", {id, name: c.custom_id, required, multiple});
      if (!multiple) input.append(el("option", {value: "", text: c.placeholder || "Make a selection"}));
      for (const o of selectOptions(c)) input.append(el("option", {value: o.value, selected: !!o.default, text: o.label}));
    } else if (c.type === 19) {
      input = el("input", {id, name: c.custom_id, type: "file", required, multiple: (c.max_values || 1) > 1});
    } else if (c.type === 23) {
      input = el("input", {id, name: c.custom_id, type: "checkbox"});
    } else {
      input = el("input", {id, name: c.custom_id, type: "text"});
    }
    input.dataset.type = c.type;
    box.append(el("div", {class: "field"},
      el("label", {for: id, dir: "auto"}, f.label || c.custom_id, required && c.type !== 23 ? el("span", {class: "req", text: " *"}) : null),
      f.description ? el("div", {class: "hint", dir: "auto", text: f.description}) : null, input));
  }
  const dialog = $("#modal-dialog");
  if (!dialog.open) dialog.showModal();
  const first = box.querySelector("input, textarea, select");
  if (first) first.focus();
}

async function submitModal(e) {
  e.preventDefault();
  const values = {};
  for (const input of $("#modal-fields").querySelectorAll("[name]")) {
    const type = +input.dataset.type;
    if (type === 4) values[input.name] = input.value;
    else if ([3, 5, 6, 7, 8].includes(type)) values[input.name] = [...input.selectedOptions].map((o) => o.value).filter((v) => v);
    else if (type === 19) values[input.name] = await Promise.all([...input.files].map(readFile));
    else if (type === 23) values[input.name] = input.checked;
  }
  const button = $("#modal-submit");
  button.disabled = true;
  try {
    const result = await api("POST", "/api/modal", {as: S.me, interaction_id: S.modal.interaction_id, values});
    $("#modal-dialog").close();
    S.modal = null;
    handleResult(result);
  } catch (err) {
    $("#modal-error").textContent = err.message;
    $("#modal-error").hidden = false;
  } finally {
    button.disabled = false;
  }
}

function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({filename: file.name, content_type: file.type || null, data: String(reader.result).split(",", 2)[1] || ""});
    reader.onerror = () => reject(new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

// ---------------------------------------------------------------------------------------------------
// slash commands: the menu and a form per command, built from the registered schemas

const OPTION_TYPES = {3: "text", 4: "whole number", 5: "true/false", 6: "member", 7: "channel", 8: "role",
                      9: "member or role", 10: "number", 11: "file"};

function leafCommands() {
  const out = [];
  for (const cmd of (S.state ? S.state.commands : []).filter((c) => c.type === 1)) {
    const subs = (cmd.options || []).filter((o) => o.type === 1 || o.type === 2);
    if (!subs.length) { out.push({path: cmd.name, description: cmd.description, schema: cmd.options || [], cmd}); continue; }
    for (const sub of subs) {
      if (sub.type === 1) out.push({path: `${cmd.name} ${sub.name}`, description: sub.description, schema: sub.options || [], cmd});
      else for (const leaf of (sub.options || []).filter((o) => o.type === 1)) {
        out.push({path: `${cmd.name} ${sub.name} ${leaf.name}`, description: leaf.description, schema: leaf.options || [], cmd});
      }
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function openCommandMenu(filter = "") {
  $("#command-form").hidden = true;
  $("#command-menu").hidden = false;
  $("#command-search").value = filter;
  renderCommandList(filter);
  $("#command-search").focus();
}

function closeCommandMenu() { $("#command-menu").hidden = true; }

function renderCommandList(filter) {
  const f = filter.trim().replace(/^\//, "").toLowerCase();
  const items = leafCommands().filter((c) => !f || c.path.includes(f) || (c.description || "").toLowerCase().includes(f));
  const list = $("#command-list");
  list.replaceChildren(...items.map((c) => el("li", {class: "command-item" + (c.cmd.hidden ? " hidden-cmd" : ""),
      dataset: {command: c.path}, tabindex: "0",
      title: c.cmd.hidden ? "On Discord this command is hidden from you (it needs a permission you lack)" : null,
      onclick: () => openCommandForm(c.path),
      onkeydown: (e) => { if (e.key === "Enter") openCommandForm(c.path); }},
    el("span", {class: "command-name", text: "/" + c.path}),
    el("span", {class: "command-desc", dir: "auto", text: c.description || ""}),
    c.cmd.hidden ? el("span", {class: "lock", text: "hidden from you"}) : null)));
  if (!items.length) list.append(el("li", {class: "empty", text: "No command matches."}));
}

function openCommandForm(path) {
  const leaf = leafCommands().find((c) => c.path === path);
  if (!leaf) return;
  closeCommandMenu();
  S.command = leaf;
  $("#command-title").textContent = "/" + leaf.path;
  $("#command-desc").textContent = leaf.description || "";
  $("#command-error").hidden = true;
  const note = $("#command-hidden-note");
  note.hidden = !leaf.cmd.hidden;
  note.textContent = "Discord hides this command from you: it needs a permission you do not have.";
  $("#command-force").checked = false;
  $("#command-force-row").hidden = !leaf.cmd.hidden;
  const box = $("#command-fields");
  box.replaceChildren(...leaf.schema.map(optionField));
  if (!leaf.schema.length) box.append(el("div", {class: "hint", text: "This command has no options: press Run."}));
  $("#command-form").hidden = false;
  const first = box.querySelector("input, select, textarea");
  (first || $("#command-run")).focus();
}

function closeCommandForm() {
  S.command = null;
  $("#command-form").hidden = true;
}

function optionField(opt) {
  const id = `opt-${opt.name}`;
  let input;
  const common = {id, name: opt.name, dataset: {type: opt.type}, required: !!opt.required};
  if (opt.choices && opt.choices.length) {
    input = el("select", common, el("option", {value: "", text: opt.required ? "Choose…" : "—"}),
      opt.choices.map((c) => el("option", {value: JSON.stringify(c.value), text: c.name})));
    input.dataset.json = "1";
  } else if (opt.type === 5) {
    input = el("select", common, el("option", {value: "", text: "—"}), el("option", {value: "true", text: "True"}),
      el("option", {value: "false", text: "False"}));
  } else if ([6, 7, 8, 9].includes(opt.type)) {
    const items = opt.type === 7
      ? S.state.all_channels.filter((c) => !opt.channel_types || opt.channel_types.includes(c.type)).map((c) => [c.id, "#" + c.name])
      : [].concat(opt.type !== 8 ? S.state.members.map((m) => [m.id, "@" + m.name]) : [],
                  opt.type !== 6 ? S.state.roles.map((r) => [r.id, "@" + r.name]) : []);
    input = el("select", common, el("option", {value: "", text: opt.required ? "Choose…" : "—"}),
      items.map(([v, t]) => el("option", {value: v, text: t})));
  } else if (opt.type === 11) {
    input = el("input", Object.assign({type: "file"}, common));
  } else if (opt.type === 4 || opt.type === 10) {
    input = el("input", Object.assign({type: opt.autocomplete ? "text" : "number", step: opt.type === 4 ? "1" : "any",
      min: opt.min_value ?? null, max: opt.max_value ?? null, inputmode: "numeric"}, common));
  } else {
    input = el("input", Object.assign({type: "text", dir: "auto", minlength: opt.min_length || null, maxlength: opt.max_length || null}, common));
  }
  const field = el("div", {class: "field", dataset: {option: opt.name}},
    el("label", {for: id}, opt.name, opt.required ? el("span", {class: "req", text: " *"}) : null,
      el("span", {class: "type", text: OPTION_TYPES[opt.type] || ""})),
    opt.description ? el("div", {class: "hint", dir: "auto", text: opt.description}) : null, input);
  if (opt.autocomplete) attachAutocomplete(field, input, opt);
  return field;
}

function attachAutocomplete(field, input, opt) {
  const list = el("ul", {class: "ac-list", hidden: true, role: "listbox"});
  field.append(list);
  input.setAttribute("aria-autocomplete", "list");
  let timer = null, seq = 0;
  const ask = async () => {
    const mine = ++seq;
    try {
      const data = await api("POST", "/api/autocomplete", {as: S.me, channel: S.channel, command: S.command.path,
        option: opt.name, value: input.value, options: collectOptions(true)});
      if (mine !== seq) return;
      list.replaceChildren(...data.choices.map((c) => el("li", {role: "option", class: "ac-item", dir: "auto", text: c.name,
        onmousedown: (e) => { e.preventDefault(); input.value = c.name; input.dataset.value = JSON.stringify(c.value); list.hidden = true; }})));
      if (!data.choices.length) list.append(el("li", {class: "ac-empty", text: "No suggestions"}));
      list.hidden = document.activeElement !== input;
    } catch (err) {
      list.replaceChildren(el("li", {class: "ac-empty", text: err.message}));
      list.hidden = false;
    }
  };
  input.addEventListener("input", () => { delete input.dataset.value; clearTimeout(timer); timer = setTimeout(ask, 150); });
  input.addEventListener("focus", () => { clearTimeout(timer); timer = setTimeout(ask, 0); });
  input.addEventListener("blur", () => setTimeout(() => { list.hidden = true; }, 150));
}

function collectOptions(lenient = false) {
  const options = {};
  for (const input of $("#command-fields").querySelectorAll("[name]")) {
    const type = +input.dataset.type;
    if (input.type === "file") continue;
    let value = input.dataset.value !== undefined ? JSON.parse(input.dataset.value) : input.value;
    if (value === "" || value === null) continue;
    if (input.dataset.json && typeof value === "string") value = JSON.parse(value);
    if (!lenient && (type === 4 || type === 10) && typeof value === "string") {
      const n = Number(value);
      if (value.trim() !== "" && !Number.isNaN(n)) value = n;
    }
    options[input.name] = value;
  }
  return options;
}

async function runCommand(e) {
  e.preventDefault();
  if (!S.command) return;
  const options = collectOptions();
  for (const input of $("#command-fields").querySelectorAll("input[type=file]")) {
    if (input.files.length) options[input.name] = await readFile(input.files[0]);
  }
  const button = $("#command-run");
  button.disabled = true;
  $("#command-error").hidden = true;
  clearError();
  try {
    const result = await api("POST", "/api/slash", {as: S.me, channel: S.channel, command: S.command.path, options,
                                                    force: $("#command-force").checked});
    closeCommandForm();
    handleResult(result);
  } catch (err) {
    $("#command-error").textContent = err.message;
    $("#command-error").hidden = false;
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------------
// posting a plain message

async function postMessage(e) {
  e.preventDefault();
  const input = $("#post-input");
  const text = input.value;
  if (text.startsWith("/")) { openCommandMenu(text); return; }
  const fileInput = $("#attach-input");
  const attachments = fileInput.files.length ? [await readFile(fileInput.files[0])] : [];
  if (!text.trim() && !attachments.length) return;
  clearError();
  try {
    const result = await api("POST", "/api/post", {as: S.me, channel: S.channel, content: text, attachments});
    input.value = "";
    fileInput.value = "";
    $("#attach-name").textContent = "";
    if (result.message && result.message.channel_id === S.channel) upsertMessage(result.message);
  } catch (err) {
    showError(err.message);
  }
}

// ---------------------------------------------------------------------------------------------------
// start

function wire() {
  $("#banner-close").addEventListener("click", clearError);
  $("#member-picker").addEventListener("change", (e) => switchMember(e.target.value));
  $("#command-button").addEventListener("click", () => ($("#command-menu").hidden ? openCommandMenu("") : closeCommandMenu()));
  $("#command-search").addEventListener("input", (e) => renderCommandList(e.target.value));
  $("#command-search").addEventListener("keydown", (e) => {
    if (e.key === "Escape") closeCommandMenu();
    if (e.key === "Enter") { e.preventDefault(); const first = $("#command-list .command-item"); if (first) openCommandForm(first.dataset.command); }
  });
  $("#command-close").addEventListener("click", closeCommandForm);
  $("#command-form").addEventListener("submit", runCommand);
  $("#post-form").addEventListener("submit", postMessage);
  $("#post-input").addEventListener("input", (e) => {
    const v = e.target.value;
    if (v.startsWith("/")) { e.target.value = ""; openCommandMenu(v); }
  });
  $("#attach-input").addEventListener("change", (e) => { $("#attach-name").textContent = e.target.files.length ? e.target.files[0].name : ""; });
  $("#modal-form").addEventListener("submit", submitModal);
  $("#modal-cancel").addEventListener("click", () => { $("#modal-dialog").close(); S.modal = null; });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") { closeCommandMenu(); } });
  $("#messages").addEventListener("click", (e) => {
    const ch = e.target.closest("a.channel-mention, a.jump");
    if (ch) {
      e.preventDefault();
      if (!S.state.channels.some((c) => c.id === ch.dataset.channel)) { showError("You cannot see that channel."); return; }
      openChannel(ch.dataset.channel).then(() => {
        const target = ch.dataset.message && $(`#messages article.message[data-id="${ch.dataset.message}"]`);
        if (target) { target.scrollIntoView({block: "center"}); target.classList.add("flash"); }
      });
    }
    const sp = e.target.closest(".spoiler");
    if (sp) sp.classList.add("revealed");
  });
  setInterval(() => {
    for (const t of document.querySelectorAll("time.ts-relative")) t.textContent = formatTimestamp(+t.dataset.unix, "R");
  }, 30000);
}

async function boot() {
  wire();
  let base;
  for (;;) {
    try { base = await api("GET", "/api/state"); break; } catch (err) {
      $("#starting").textContent = err.status === 503 ? "Starting the sandbox: the bot is connecting…" : err.message;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const params = new URLSearchParams(location.hash.slice(1));
  const people = base.people || base.members.filter((m) => !m.bot);
  const wanted = params.get("as");
  S.me = people.some((m) => m.id === wanted) ? wanted : (people.find((m) => m.kind === "organiser") || people[0]).id;
  S.state = base;
  await refreshState();
  const channel = params.get("channel");
  S.channel = S.state.channels.some((c) => c.id === channel) || channel === S.state.dm_channel ? channel
    : (S.state.channels.find((c) => c.name === "general") || S.state.channels[0]).id;
  $("#starting").hidden = true;
  $("#app").hidden = false;
  connectEvents();
  await openChannel(S.channel);
}

window.addEventListener("error", (e) => showError(`Page error: ${e.message}`));
window.addEventListener("unhandledrejection", (e) => showError(`Page error: ${e.reason && e.reason.message ? e.reason.message : e.reason}`));
boot();
