// "What to try": a first step for the member you are acting as, ticked off once you have tried it,
// and the next step of every other member (one click to act as them). See bot/sandbox/seed.py.
"use strict";

async function loadTour() {
  if (!S.me) return;
  let data;
  try { data = await api("GET", `/api/tour?as=${S.me}`); } catch (e) { return; }
  const box = $("#tour-steps");
  box.replaceChildren(...data.steps.map((s) => el("li", {class: "tour-step" + (s.done ? " done" : ""),
      dataset: {step: s.key}},
    el("span", {class: "tick", "aria-label": s.done ? "done" : "to do", text: s.done ? "✓" : "○"}),
    el("bdi", {text: s.text}))));
  if (!data.steps.length) box.append(el("li", {class: "tour-step", text: "Nothing planned for this member: explore freely."}));
  const done = data.steps.filter((s) => s.done).length;
  $("#tour-count").textContent = data.steps.length ? `${done}/${data.steps.length}` : "";
  $("#tour-others").replaceChildren(...data.others.slice(0, 4).map((o) => el("li", {},
    el("a", {href: "#", class: "tour-other", dataset: {member: o.id},
             onclick: (e) => { e.preventDefault(); switchMember(o.id); }}, el("bdi", {text: o.text})))));
}
