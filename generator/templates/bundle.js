/* The offline runbook: playbooks are drawn from the embedded JSON with text nodes only
   (never innerHTML), and found by a small search over their titles, aliases, symptoms,
   tags, services, steps and commands. Works from file:// and makes no request. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("pb-data").textContent);
  var byId = {};
  DATA.playbooks.forEach(function (pb) { byId[pb.id] = pb; });
  var ticks = {};
  var STOP = {};
  ("a an the is are was were be been being of to in on for and or it its my our we i me us with at by " +
   "this that very all any some still just get getting got has have had seem seems keep keeps").split(" ")
    .forEach(function (w) { STOP[w] = true; });

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") node.textContent = props[key];
      else if (key === "className") node.className = props[key];
      else if (key === "href") node.setAttribute("href", safeHref(props[key]));
      else node.setAttribute(key, props[key]);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function safeHref(url) {
    url = String(url).trim();
    return /^(#|https?:|mailto:|tel:)/i.test(url) ? url : "#";
  }
  function inline(text) {
    var frag = document.createDocumentFragment(), re = /(`+)([\s\S]+?)\1/g, last = 0, m;
    text = String(text);
    while ((m = re.exec(text)) !== null) {
      frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      frag.appendChild(el("code", {text: m[2].trim()}));
      last = re.lastIndex;
    }
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }
  function fallbackCopy(text) {
    var area = el("textarea", {readonly: "", "aria-hidden": "true"});
    area.value = text;
    area.style.position = "fixed"; area.style.top = "-1000px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  function copy(text, button) {
    function done(ok) {
      button.textContent = ok ? "Copied" : "Select and copy";
      setTimeout(function () { button.textContent = "Copy"; }, 1500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); },
                                               function () { done(fallbackCopy(text)); });
    } else done(fallbackCopy(text));
  }
  function codeBlock(text) {
    var button = el("button", {type: "button", className: "copy", text: "Copy"});
    button.addEventListener("click", function () { copy(text, button); });
    return el("div", {className: "code"}, [el("pre", {text: text}), button]);
  }
  function enhanceStatic() {
    document.querySelectorAll("main .code").forEach(function (box) {
      var text = box.querySelector("pre").textContent;
      var button = el("button", {type: "button", className: "copy", text: "Copy"});
      button.addEventListener("click", function () { copy(text, button); });
      box.appendChild(button);
    });
  }
  function contact(id) {
    var c = DATA.contacts[id];
    if (!c) return document.createTextNode(id);
    var parts = [el("a", {href: "#c-" + id, text: c.name})];
    if (c.phone) parts.push(" ", el("a", {className: "tel", href: c.tel || "#", text: c.phone}));
    return el("span", {}, parts);
  }
  function badge(sev) {
    var level = DATA.levels[sev];
    return el("span", {className: "sev sev-" + (level ? level.rank : "x"), text: sev});
  }

  function renderPlaybook(pb) {
    var box = document.getElementById("playbook"), level = DATA.levels[pb.sev];
    var state = ticks[pb.id] = ticks[pb.id] || {};
    box.textContent = "";
    box.appendChild(el("h1", {text: pb.title}));
    box.appendChild(el("p", {}, [badge(pb.sev), level ? " " + level.name + " · respond within " + level.respond : ""]));
    if (pb.summary) box.appendChild(el("p", {}, [inline(pb.summary)]));
    if (pb.aliases.length) box.appendChild(el("p", {className: "meta"}, ["Also known as: " + pb.aliases.map(function (a) { return "“" + a + "”"; }).join(" · ")]));
    box.appendChild(el("p", {className: "meta"}, ["Owner: ", contact(pb.owner), pb.svc.length ? " · Services: " + pb.svc.join(", ") : ""]));
    if (pb.symptoms.length) {
      box.appendChild(el("h2", {text: "Symptoms"}));
      box.appendChild(el("ul", {}, pb.symptoms.map(function (s) { return el("li", {}, [inline(s)]); })));
    }
    pb.steps.forEach(function (group, g) {
      box.appendChild(el("h2", {text: group[0]}));
      box.appendChild(el("ol", {className: "steps"}, group[1].map(function (step, i) {
        var key = g + "-" + i, check = el("input", {type: "checkbox", id: "tick-" + key});
        check.checked = !!state[key];
        check.addEventListener("change", function () { state[key] = check.checked; });
        var label = el("label", {"for": "tick-" + key}, [step.c ? el("span", {className: "cond", text: step.c + ": "}) : null, inline(step.t)]);
        var body = el("div", {className: "step-body"}, [].concat.apply([], (step.x || []).map(function (code, c) {
          var title = step.xt && step.xt[c];
          return title ? [el("p", {className: "cmd-title", text: title}), codeBlock(code)] : [codeBlock(code)];
        })));
        if (step.n) body.insertBefore(el("p", {className: "notes"}, [inline(step.n)]), body.firstChild);
        var item = el("li", {className: "step"}, [el("div", {className: "step-head"}, [check, label]), body]);
        if (step.id) item.id = "step-" + step.id;
        return item;
      })));
    });
    if (pb.tree.length) {
      box.appendChild(el("h2", {text: "Decision tree"}));
      box.appendChild(el("ol", {}, pb.tree.map(function (node) {
        return el("li", {}, [el("strong", {}, [inline(node.q)]), el("ul", {}, [["Yes", node.y], ["No", node.n]].map(function (pair) {
          var target = pair[1].pb ? el("a", {href: "#pb=" + encodeURIComponent(pair[1].pb), text: pair[1].t}) : inline(pair[1].t);
          return el("li", {}, [el("strong", {text: pair[0]}), " → ", target]);
        }))]);
      })));
    }
    box.appendChild(el("h2", {text: "Escalation"}));
    box.appendChild(el("ul", {}, pb.esc.map(function (e) { return el("li", {}, [e.t + ": ", contact(e.to)]); })
      .concat([el("li", {}, ["Full policy: ", el("a", {href: "#s-escalation", text: "escalation levels"})])])));
    if (pb.tpl.length) {
      box.appendChild(el("h2", {text: "Communication"}));
      pb.tpl.forEach(function (id) {
        var t = DATA.templates[id];
        if (!t) return;
        box.appendChild(el("h3", {text: t.title}));
        if (t.subject) box.appendChild(codeBlock(t.subject));
        box.appendChild(codeBlock(t.body));
      });
    }
    if (pb.rel.length) {
      box.appendChild(el("h2", {text: "Related playbooks"}));
      box.appendChild(el("ul", {}, pb.rel.map(function (id) {
        return el("li", {}, [el("a", {href: "#pb=" + encodeURIComponent(id), text: byId[id] ? byId[id].title : id})]);
      })));
    }
    if (pb.links.length) {
      box.appendChild(el("h2", {text: "Links"}));
      box.appendChild(el("ul", {}, pb.links.map(function (l) { return el("li", {}, [l.t + ": ", el("span", {className: "url", text: l.u})]); })));
    }
    if (pb.notes) {
      box.appendChild(el("h2", {text: "Notes"}));
      box.appendChild(el("p", {className: "notes", style: "white-space: pre-wrap"}, [pb.notes]));
    }
  }

  var listDrawn = false;
  function renderList() {
    if (listDrawn) return;
    listDrawn = true;
    var groups = {}, order = DATA.services.slice();
    DATA.playbooks.forEach(function (pb) {
      var svc = pb.svc[0] || "Other";
      if (!groups[svc]) { groups[svc] = []; if (order.indexOf(svc) < 0) order.push(svc); }
      groups[svc].push(pb);
    });
    var box = document.getElementById("pb-list");
    order.forEach(function (svc) {
      if (!groups[svc]) return;
      box.appendChild(el("h2", {className: "list-svc", text: svc}));
      box.appendChild(el("ul", {}, groups[svc].map(function (pb) {
        return el("li", {}, [badge(pb.sev), " ", el("a", {href: "#pb=" + encodeURIComponent(pb.id), text: pb.title})]);
      })));
    });
  }

  /* Search */
  function stem(w) {
    if (w.length > 5 && /ing$/.test(w)) return w.slice(0, -3);
    if (w.length > 4 && /ed$/.test(w)) return w.slice(0, -2);
    if (w.length > 3 && /s$/.test(w) && !/ss$/.test(w)) return w.slice(0, -1);
    return w;
  }
  function words(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .split(/[^a-z0-9]+/).filter(Boolean).map(stem);
  }
  function field(weight, text, why) {
    var list = words(text);
    return {w: weight, tokens: list, joined: " " + list.join(" ") + " ", why: why ? text : ""};
  }
  var index = null;
  function buildIndex() {
    index = [];
    DATA.playbooks.forEach(function (pb) {
      var fields = [field(8, pb.title, false)];
      pb.aliases.forEach(function (a) { fields.push(field(10, a, true)); });
      pb.symptoms.forEach(function (s) { fields.push(field(6, s, true)); });
      pb.tags.concat(pb.svc).forEach(function (t) { fields.push(field(4, t, false)); });
      (pb.terms || []).forEach(function (t) { fields.push(field(3, t, false)); });  // synonyms, vocabulary
      fields.push(field(2, pb.summary, false));
      pb.steps.forEach(function (group) {
        group[1].forEach(function (step) {
          fields.push(field(1.5, (step.c || "") + " " + step.t, false));
          (step.x || []).forEach(function (x) { fields.push(field(1, x, true)); });
        });
      });
      index.push({title: pb.title, href: "#pb=" + encodeURIComponent(pb.id), kind: pb.sev, fields: fields});
    });
    Object.keys(DATA.contacts).forEach(function (id) {
      var c = DATA.contacts[id];
      index.push({title: c.name, href: "#c-" + id, kind: "Contact", detail: c.phone,
                  fields: [field(5, c.name, false), field(3, c.title || "", true), field(3, id, false), field(2, c.chat || "", false)]});
    });
    Object.keys(DATA.templates).forEach(function (id) {
      index.push({title: DATA.templates[id].title, href: "#t-" + id, kind: "Template", fields: [field(3, DATA.templates[id].title, false)]});
    });
    Object.keys(DATA.levels).forEach(function (id) {
      index.push({title: id + " " + DATA.levels[id].name, href: "#sev-" + id, kind: "Severity", fields: [field(4, id, false), field(3, DATA.levels[id].name, false)]});
    });
  }
  function search(query) {
    if (!index) buildIndex();
    var all = words(query), terms = all.filter(function (w) { return !STOP[w]; });
    if (!terms.length) terms = all;
    if (!terms.length) return [];
    var phrase = " " + terms.join(" ") + " ";
    var hits = [];
    index.forEach(function (doc) {
      var matched = 0, score = 0, why = "", whyScore = 0;
      terms.forEach(function (t) {
        var best = 0;
        doc.fields.forEach(function (f) {
          var w = 0;
          if (f.tokens.indexOf(t) >= 0) w = f.w;
          else if (t.length >= 3 && f.tokens.some(function (tok) { return tok.lastIndexOf(t, 0) === 0; })) w = f.w / 2;
          if (w > best) best = w;
          if (w && f.why && w > whyScore) { why = f.why; whyScore = w; }
        });
        if (best) { matched += 1; score += best; }
      });
      if (!matched) return;
      doc.fields.forEach(function (f) {
        if (terms.length > 1 && f.w >= 4 && f.joined.indexOf(phrase) >= 0) { score += 2 * f.w; if (f.why) why = f.why; }
      });
      hits.push({doc: doc, matched: matched, score: score, why: why});
    });
    var need = Math.max(1, Math.ceil(terms.length / 2));
    return hits.filter(function (h) { return h.matched >= need; })
      .sort(function (a, b) { return b.matched - a.matched || b.score - a.score || (a.doc.title < b.doc.title ? -1 : 1); })
      .slice(0, 40);
  }
  function showResults(query) {
    var hits = search(query), list = document.getElementById("hits"), none = document.getElementById("nohits");
    list.textContent = "";
    hits.forEach(function (h) {
      var why = h.why && h.why !== h.doc.title ? el("span", {className: "why", text: "matches “" + h.why + "”"}) : null;
      list.appendChild(el("li", {}, [el("span", {className: "meta", text: h.doc.kind + " "}),
        el("a", {href: h.doc.href, text: h.doc.title}), h.doc.detail ? " " + h.doc.detail : "", why]));
    });
    none.hidden = hits.length > 0;
    none.textContent = hits.length ? "" : "Nothing matches “" + query + "”. Try fewer or other words, browse the playbooks, or call the first contact at the top.";
    show("results");
  }

  /* Views */
  function show(id) {
    document.querySelectorAll(".view").forEach(function (v) { v.hidden = v.id !== id; });
  }
  var SECTION_OF = {"c-": "s-contacts", "sev-": "s-severities", "t-": "s-templates"};
  function route() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.lastIndexOf("pb=", 0) === 0 && byId[hash.slice(3)]) {
      renderPlaybook(byId[hash.slice(3)]);
      show("playbook");
      window.scrollTo(0, 0);
      return;
    }
    var target = hash && document.getElementById(hash);
    if (target && target.classList.contains("view")) {
      if (hash === "s-playbooks") renderList();
      show(hash);
      window.scrollTo(0, 0);
      return;
    }
    var prefix = Object.keys(SECTION_OF).filter(function (p) { return hash.lastIndexOf(p, 0) === 0; })[0];
    if (target && prefix) {
      show(SECTION_OF[prefix]);
      target.scrollIntoView();
      return;
    }
    show("s-home");
  }

  var input = document.getElementById("q"), timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (input.value.trim()) showResults(input.value); else route();
    }, DATA.playbooks.length > 300 ? 120 : 0);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var first = document.querySelector("#hits a");
    if (input.value.trim() && first) { event.preventDefault(); location.hash = first.getAttribute("href"); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== input) { event.preventDefault(); input.focus(); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (!link) return;
    var href = link.getAttribute("href");
    if (href === location.hash || (href === "#" && !location.hash)) { input.value = ""; route(); }
  });
  window.addEventListener("hashchange", function () { input.value = ""; route(); });
  enhanceStatic();
  route();
  // Build the search index while the responder starts typing, not before the first screen.
  input.addEventListener("focus", function () { setTimeout(function () { if (!index) buildIndex(); }, 0); });
})();
