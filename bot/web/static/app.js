"use strict";
// The reading view. Launch data comes from the address's fragment (Telegram puts it there), so
// the page needs no script from elsewhere; member text only ever becomes text nodes.
(function () {
  const TAGS = new Set(["p", "br", "ul", "li", "table", "caption", "thead", "tbody", "tfoot",
    "tr", "th", "td", "figure", "img", "figcaption", "div", "span", "sub", "sup"]);
  const ATTRS = new Set(["class", "colspan", "alt"]);
  const $ = (id) => document.getElementById(id);
  let initData = new URLSearchParams(location.hash.slice(1)).get("tgWebAppData") || "";
  if (initData) sessionStorage.setItem("tma", initData);
  else initData = sessionStorage.getItem("tma") || "";
  // Opened from a group's link, the launch names the project; from the private chat's menu it
  // names none, and the reader chooses one of theirs.
  const linked = Boolean(new URLSearchParams(initData).get("start_param"));
  let chosen = linked ? "" : sessionStorage.getItem("project") || "";
  let words = {};
  let canDecide = false;
  let state = { page: 0, stage: "" };

  function make(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function build(tree) {
    if (typeof tree === "string") return document.createTextNode(tree);
    const tag = TAGS.has(tree.t) ? tree.t : "span";
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(tree.a || {})) {
      if (ATTRS.has(name)) node.setAttribute(name, value);
      if (name === "src" && tag === "img" && /^data:image\/(png|jpeg);base64,/.test(value)) node.src = value;
    }
    for (const child of tree.c || []) node.appendChild(build(child));
    return node;
  }

  async function call(path, body) {
    const options = { headers: { Authorization: "tma " + initData } };
    if (body) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    if (chosen) path += (path.includes("?") ? "&" : "?") + "project=" + encodeURIComponent(chosen);
    const response = await fetch(path, options);
    const data = await response.json().catch(() => ({}));
    if (response.status === 401 || response.status === 404 || (response.status === 403 && !body)) {
      document.body.replaceChildren(make("div", data.error || response.statusText, "refused"));
      throw new Error("refused");
    }
    return { status: response.status, data };
  }

  function notice(text) { $("notice").textContent = text; }

  function requestId() {
    return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).replace(/[^0-9a-z-]/gi, "");
  }

  // A small form under `holder`: its text areas (name -> placeholder), an optional check box,
  // and what sending does; the request id is made once, so that a retry records once.
  function openForm(holder, kind, areas, check, send) {
    const open = holder.querySelector(`form.${kind}`);
    if (open) { open.remove(); return; }
    const form = make("form", null, kind);
    for (const [name, placeholder] of Object.entries(areas)) {
      const area = make("textarea"); area.name = name; area.placeholder = placeholder;
      form.appendChild(area);
    }
    let box = null;
    if (check) {
      const label = make("label", " " + check);
      box = make("input"); box.type = "checkbox"; box.name = "check";
      label.prepend(box);
      form.appendChild(label);
    }
    const button = make("button", words.send); button.type = "submit";
    form.appendChild(button);
    const id = requestId();
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      button.disabled = true;
      const values = Object.fromEntries(Object.keys(areas).map((n) => [n, form.elements[n].value]));
      const { data } = await send(id, values, box ? box.checked : false);
      notice(data.text || data.error || "");
      if (data.ok) { form.remove(); load(); } else button.disabled = false;
    });
    holder.appendChild(form);
    form.querySelector("textarea").focus();
  }

  function commentForm(clause, holder) {
    openForm(holder, "comment-form", { reason: words.reason, proposed: words.proposed }, null,
      (id, v) => call("/api/comment", { request: id, clause: clause.number, reason: v.reason, proposed: v.proposed }));
  }

  function proposeForm(clause, holder) {
    openForm(holder, "propose-form", { text: words.proposal }, words.replace_all,
      (id, v, whole) => call("/api/propose", { request: id, clause: clause.number, text: v.text, kind: whole ? "replace" : "add" }));
  }

  async function decide(number, decision, reason, id) {
    const { data } = await call("/api/decide", { request: id, contribution: number, decision, reason });
    notice(data.text || data.error || "");
    if (data.ok) load();
  }

  function contributionNode(c) {
    const box = make("div", null, "said contribution");
    box.dataset.contribution = c.number;
    box.appendChild(make("div", `#${c.number}（${c.unit}）${c.kind === "replace" ? "⟲ " : "+ "}${c.text}`));
    if (canDecide) {
      const yes = make("button", words.accept);
      const id = requestId();
      yes.addEventListener("click", () => decide(c.number, "accept", "", id + "-a"));
      const no = make("button", words.reject);
      no.addEventListener("click", () => openForm(box, "reject-form", { reason: words.why_reject }, null,
        (rid, v) => call("/api/decide", { request: rid, contribution: c.number, decision: "reject", reason: v.reason })));
      box.append(yes, no);
    }
    return box;
  }

  function clauseNode(clause) {
    const holder = make("section");
    holder.dataset.clause = clause.id;
    const level = Math.min(clause.level + 1, 6);
    const head = make("h" + level, clause.heading.join(" "), "heading");
    head.title = words.comment;
    head.addEventListener("click", () => commentForm(clause, holder));
    holder.appendChild(head);
    for (const line of clause.lead) holder.appendChild(make("p", line));
    for (const element of clause.elements) {
      const box = make("div", null, "el");
      box.dataset.index = element.index;
      for (const tree of element.nodes) box.appendChild(build(tree));
      box.addEventListener("click", async () => {
        const shown = box.nextElementSibling;
        if (shown && shown.classList.contains("who")) { shown.remove(); box.classList.remove("tapped"); return; }
        const query = `clause=${encodeURIComponent(clause.id)}&index=${element.index}&stage=${encodeURIComponent(state.stage)}`;
        const { data } = await call(`/api/authors?${query}`);
        const hands = (data.authors || []).map((a) => `${a.who}（${a.date}）`);
        box.classList.add("tapped");
        box.after(make("div", `${words.authors}：${hands.join("；") || "—"}`, "who"));
      });
      holder.appendChild(box);
    }
    for (const c of clause.contributions) holder.appendChild(contributionNode(c));
    for (const c of clause.comments) {
      let line = `C${c.number}（${c.unit}）${c.reason}`;
      if (c.proposed) line += ` => ${c.proposed}`;
      if (c.disposition) line += ` 【${c.disposition}${c.note ? "：" + c.note : ""}】`;
      holder.appendChild(make("div", line, "said comment"));
    }
    const propose = make("button", words.propose, "propose");
    propose.addEventListener("click", () => proposeForm(clause, holder));
    holder.appendChild(propose);
    return holder;
  }

  function ballotNode(ballot) {
    const box = make("div", null, "ballot");
    box.dataset.ballot = ballot.number;
    box.append(make("div", ballot.title), make("div", ballot.tally, "tally"));
    const id = requestId();
    for (const choice of ballot.choices) {
      const button = make("button", choice.label);
      button.dataset.choice = choice.value;
      const cast = async (reason) => {
        const { data } = await call("/api/vote", { request: id + "-" + choice.value,
          ballot: ballot.number, choice: choice.value, reason });
        notice(data.text || data.error || "");
        loadBallots();
      };
      button.addEventListener("click", () => {
        if (!(ballot.stage && choice.value === "no")) { cast(""); return; }
        // A "no" on a stage ballot counts with its reason: asked in the page (no dialog box,
        // which some Telegram clients do not show).
        if (box.querySelector("form")) return;
        const form = make("form");
        const reason = make("textarea"); reason.name = "why"; reason.placeholder = words.why_no;
        const send = make("button", words.send); send.type = "submit";
        form.append(reason, send);
        form.addEventListener("submit", (event) => {
          event.preventDefault();
          if (reason.value.trim()) cast(reason.value);
        });
        box.appendChild(form);
        reason.focus();
      });
      box.appendChild(button);
    }
    return box;
  }

  async function loadCard() {
    const { data } = await call("/api/card");
    const card = make("details", null, "card");
    card.appendChild(make("summary", words.card));
    for (const line of data.lines || []) card.appendChild(make("div", line));
    $("card").replaceChildren(card);
  }

  async function loadBallots() {
    const { data } = await call("/api/ballots");
    const list = $("ballots");
    list.replaceChildren();
    if (data.ballots && data.ballots.length) {
      list.appendChild(make("h2", words.ballots));
      for (const ballot of data.ballots) list.appendChild(ballotNode(ballot));
    }
  }

  async function load() {
    const query = `page=${state.page}&stage=${encodeURIComponent(state.stage)}`;
    const { status, data } = await call(`/api/draft?${query}`);
    if (status !== 200) { notice(data.error || ""); return; }
    words = data.words;
    canDecide = data.can_decide;
    const head = $("head");
    const stages = make("select");
    stages.appendChild(new Option(words.latest, ""));
    for (const tag of data.tags) stages.appendChild(new Option(tag, tag, false, tag === data.ref));
    stages.addEventListener("change", () => { state = { page: 0, stage: stages.value }; load(); });
    // What changed between two stages, or from a stage to the latest text.
    const since = make("select");
    since.name = "since";
    since.appendChild(new Option("—", ""));
    const upTo = make("select");
    upTo.name = "to";
    upTo.appendChild(new Option(words.latest, ""));
    for (const tag of data.tags) {
      since.appendChild(new Option(tag, tag));
      upTo.appendChild(new Option(tag, tag));
    }
    const compareNow = async () => {
      const shown = $("changes");
      if (!since.value) { shown.replaceChildren(); return; }
      const query = `since=${encodeURIComponent(since.value)}&to=${encodeURIComponent(upTo.value)}`;
      const { data: diff } = await call(`/api/changes?${query}`);
      shown.replaceChildren(...(diff.lines || [diff.error || ""]).map((line) => make("div", line)));
    };
    since.addEventListener("change", compareNow);
    upTo.addEventListener("change", compareNow);
    const compare = make("label", words.changes + " ");
    compare.append(since, " → ", upTo);
    head.replaceChildren(make("h1", `${data.code} ${data.title}`), make("div", data.stage, "meta"), stages, compare);
    $("draft").replaceChildren(...data.clauses.map(clauseNode));
    const pager = $("pager");
    pager.replaceChildren();
    if (data.page > 0) {
      const back = make("button", words.previous);
      back.addEventListener("click", () => { state.page = data.page - 1; load(); });
      pager.appendChild(back);
    }
    pager.appendChild(make("span", `${data.page + 1} / ${data.pages}`));
    if (data.page + 1 < data.pages) {
      const on = make("button", words.next);
      on.addEventListener("click", () => { state.page = data.page + 1; load(); });
      pager.appendChild(on);
    }
  }

  function open(project) {
    chosen = String(project);
    sessionStorage.setItem("project", chosen);
    load().then(loadCard).then(loadBallots).catch(() => {});
  }

  async function choose() {
    const { data } = await call("/api/projects");
    const projects = data.projects || [];
    if (projects.length === 1) { open(projects[0].id); return; }
    const list = make("nav", null, "projects");
    for (const project of projects) {
      const item = make("button", `${project.code} ${project.title}`);
      item.addEventListener("click", () => open(project.id));
      list.appendChild(item);
    }
    $("head").replaceChildren(make("h1", projects.length ? data.words.choose : data.words.none), list);
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (linked || chosen) load().then(loadCard).then(loadBallots).catch(() => {});
    else choose().catch(() => {});
  });
})();
