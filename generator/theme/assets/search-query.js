/* Loaded in the page head (extra.polyfills), before Material's bundle: the bundle posts the
   search index to its worker as soon as it has fetched it, and a rewriter installed later
   (at the end of the body) could miss that message on a slow or loaded device, leaving every
   query unrewritten for that page view. */

/* Queries as stressed responders type them. Material's search runs in a worker: the page
   posts it the index ({type: 0, data: {config, docs}}) and then each query ({type: 2, data}).
   Both pass through here. From the index we learn every word it holds and in how many
   pages; each query is then rewritten, word by word, before the worker sees it:
   - it is split like the index (look.py SEARCH_SEPARATOR): punctuation, "_", CamelCase
     ("HighErrorRate"), error codes ("500s" -> "500");
   - stop words ("a", "for", "on") are dropped: the index drops them too, so they could
     only ever match as prefixes of other words ("for" -> "forensics");
   - a word the index holds is searched as itself, not as a prefix; the last word, still
     being typed, also as a prefix; a word of five letters or more the index lacks is
     searched with one typo allowed ("databse"); a run-together word the index lacks is
     split into words it holds ("highrequestlatency" -> "high request latency");
   - a word the index cannot match at all is dropped, and a query left with no word
     becomes empty, so the page shows the no-result help (who to call, severity guide)
     instead of a page that happens to contain "a";
   - neighbouring words run together are looked up too: the index holds every phrase and
     compound run together ("toomanyclients", "carddeclined", "higherrorrate");
   - each word is weighted by how few pages are called by it, so the telling word decides.
   A query using Lunr's own syntax (+word, -word, word~2, title:word) is passed unchanged. */
(function () {
  "use strict";
  var Target = window.Worker;
  if (!Target || !Target.prototype || Target.prototype.__pbQuery) return;
  var post = Target.prototype.postMessage;
  var STOP = {};
  ("a able about across after all almost also am among an and any are as at be because been but by " +
   "can cannot could dear did do does either else ever every for from get got had has have he her hers " +
   "him his how however i if in into is it its just least let like likely may me might most must my " +
   "neither no nor not of off often on only or other our own rather said say says she should since so " +
   "some than that the their them then there these they this tis to too twas us wants was we were what " +
   "when where which while who whom why will with would yet you your").split(" ")
    .forEach(function (w) { STOP[w] = true; });
  var separator = /[^a-z0-9.]+/;
  var pages = null, named = null, words = null, count = 1;

  // pages[word]: how many pages hold the word anywhere; named[word]: in how many a page
  // title or the page's search terms (tags) hold it, where what a page is called lives.
  function learn(index) {
    if (!index || !index.docs) return;
    try { separator = new RegExp(index.config.separator, "g"); } catch (e) { /* keep default */ }
    pages = {}; named = {};
    var seen = {}, tagged = {};
    index.docs.forEach(function (doc) {
      var page = String(doc.location || "").split("#")[0];
      if (doc.tags && doc.tags.length) tagged[page] = true;
      var name = (page === doc.location ? [doc.title || ""] : []).concat(doc.tags || []).join(" ");
      tally(pages, seen, "a", page, [doc.title || "", doc.text || "", name].join(" "));
      tally(named, seen, "n", page, name);
    });
    count = Math.max(2, Object.keys(tagged).length);
    words = Object.keys(pages);
  }
  function tally(table, seen, kind, page, html) {
    split(html.replace(/<[^>]*>/g, " ")).forEach(function (w) {
      var key = kind + "\u0000" + w + "\u0000" + page;
      if (seen[key]) return;
      seen[key] = true;
      table[w] = (table[w] || 0) + 1;
    });
  }
  function split(text) {
    return String(text).split(separator).filter(Boolean).map(function (w) { return w.toLowerCase(); });
  }
  function typo(a, b) {  // at most one insertion, deletion, substitution or swap
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (i === a.length && i === b.length) return true;
    if (a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  function some(test) { return words.some(test); }
  function pieces(word) {  // the fewest known words, three letters or more, that make up word
    var best = [[]];
    for (var end = 1; end <= word.length; end++) {
      best[end] = null;
      for (var start = Math.max(0, end - 30); start <= end - 3; start++) {
        var part = word.slice(start, end);
        if (best[start] && pages[part] && !STOP[part] &&
            (!best[end] || best[start].length + 1 < best[end].length)) best[end] = best[start].concat([part]);
      }
    }
    return best[word.length] && best[word.length].length > 1 ? best[word.length] : null;
  }
  function weight(word) {  // 10 for a word no page is called by or every page is, up to 30 for one
    if (!named[word] || /^\d+$/.test(word)) return 10;
    return Math.round(10 + 20 * Math.max(0, Math.log(count / named[word])) / Math.log(count));
  }
  // The clauses one query word becomes, and whether it matches a word pages are called by.
  function clauses(word, last) {
    if (/^\d+s$/.test(word)) word = word.slice(0, -1);  // "500s"
    if (STOP[word]) return { list: [], naming: false };
    if (pages[word]) {
      var exact = word + "^" + weight(word);
      var typing = last && word.length < 4;  // "dat" may be "database" half typed
      return { list: typing ? [exact, word + "*^10"] : [exact], naming: !!named[word] };
    }
    if (/^\d+$/.test(word)) return { list: [], naming: false };
    var prefix = function (w) { return w.lastIndexOf(word, 0) === 0; };
    if (word.length >= 3 && some(prefix)) return { list: [word + "*^10"], naming: names(prefix) };
    var near = word.length >= 5 && /^[a-z]+$/.test(word) ? words.filter(function (w) { return typo(word, w); }) : [];
    if (near.length) {  // weighs what the word it was meant to be weighs
      var meant = Math.max.apply(null, near.map(weight));
      return { list: [word + "~1^" + meant], naming: near.some(function (w) { return !!named[w]; }) };
    }
    var parts = word.length >= 6 && pieces(word);
    if (!parts) return { list: [], naming: false };
    return { list: parts.map(function (p) { return p + "^" + weight(p); }),
             naming: parts.some(function (p) { return !!named[p]; }) };
  }
  function names(test) { return Object.keys(named).some(test); }
  function rewrite(query) {
    if (typeof query !== "string" || !words) return query;
    if (/(^|\s)[+-]\S|\S[~^]\d|\b(title|text|tags):/.test(query)) return query;
    var typing = !/\s$/.test(query);
    var list = split(query), out = [], unknown = 0, naming = 0;
    list.forEach(function (word, i) {
      var found = clauses(word, typing && i === list.length - 1);
      if (!found.list.length && !STOP[word] && !/^\d+s?$/.test(word)) unknown += 1;
      if (found.naming) naming += 1;
      found.list.forEach(function (c) { if (out.indexOf(c) < 0) out.push(c); });
    });
    // Neighbouring words run together match a phrase or compound the index holds whole
    // ("too many clients", "card_declined", "HighErrorRate"): worth more than its words.
    for (var i = 0; i < list.length; i++) {
      for (var n = 2; n <= 6 && i + n <= list.length; n++) {
        var phrase = list.slice(i, i + n).join("");
        if (!pages[phrase]) continue;
        if (named[phrase]) naming += 1;
        out.push(phrase + "^" + (weight(phrase) + 10));
      }
    }
    // Words the site does not know, and the rest only in running text: not about an incident.
    if (unknown && !naming) return "";
    return out.join(" ");
  }
  Target.prototype.postMessage = function (message) {
    if (message && message.type === 0 && message.data) {
      learn(message.data);
    } else if (message && message.type === 2) {
      arguments[0] = { type: 2, data: rewrite(message.data) };
    }
    return post.apply(this, arguments);
  };
  Target.prototype.__pbQuery = true;
})();
