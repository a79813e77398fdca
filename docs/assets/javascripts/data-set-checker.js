// The data-set checker (tools/data-set-checker/): classifies column names in the browser.
//
// The rules come from data/data-elements.yml, compiled by the site build into
// data-set-rules.js (window.kbColumnRules), the same rules scripts/check_columns.py runs; they
// also carry the kinds of data set and their wordings (hooks/termbase/loading/datasetkinds.py). The
// classifier below is hooks/termbase/checker/columncheck.py step for step; the browser tests run both
// on the labelled column names and compare. Nothing is sent anywhere: names are read from the
// text box, or from the first line of a chosen file, on this device.
(function () {
  "use strict";

  var DELIMITERS = [",", ";", "\t", "|"];
  var JOINTS = ["at", "of"];
  var CHUNK = 64 * 1024;
  var MAX_HEADER_BYTES = 1024 * 1024;
  var MAX_NAMES = 5000;
  var script = document.currentScript;

  // -- classifier (mirror of columncheck.py) -----------------------------------------------------
  function Checker(rules) {
    var self = this;
    this.rules = rules;
    this.kinds = kindKeys(rules);
    this.vocabulary = new Set(rules.vocabulary);
    this.abbreviations = rules.abbreviations.map(function (pair) {
      return [pair[0].split(" "), pair[1].split(" ")];
    });
    this.lists = {};
    this.listWords = {};
    Object.keys(rules.lists).forEach(function (name) {
      var entries = rules.lists[name].map(function (entry) { return entry.split(" "); });
      self.lists[name] = entries;
      self.listWords[name] = new Set(entries.filter(function (e) { return e.length === 1; })
                                            .map(function (e) { return e[0]; }));
    });
    this.forms = rules.forms.map(function (form) {
      return Object.assign({}, form, {
        phrases: form.phrases.map(split),
        not_after: form.not_after.map(split),
        not_before: form.not_before.map(split),
        not_with: form.not_with.map(split),
        keep_after: self.wordsOf(form.keep_after)
      });
    });
    this.derivedForm = this.forms.filter(function (f) { return f.derived; })[0] || null;
    this.hints = rules.hints.map(function (hint) {
      return Object.assign({}, hint, { phrases: hint.phrases.map(split) });
    });
  }

  function kindKeys(rules) { return rules.kinds.map(function (kind) { return kind.key; }); }
  function split(text) { return text.split(" "); }
  function isDigits(word) { return /^[0-9]+$/.test(word); }
  function sameWords(a, b) {
    if (a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return false; } }
    return true;
  }
  function contains(words, phrase) {
    for (var i = 0; i + phrase.length <= words.length; i++) {
      if (sameWords(words.slice(i, i + phrase.length), phrase)) { return true; }
    }
    return false;
  }

  Checker.prototype.wordsOf = function (entries) {
    var self = this;
    var words = new Set();
    entries.forEach(function (entry) {
      if (entry.charAt(0) === "@") {
        self.listWords[entry.slice(1)].forEach(function (w) { words.add(w); });
      } else {
        words.add(entry);
      }
    });
    return words;
  };

  Checker.prototype.expand = function (words) {
    var out = [];
    var i = 0;
    while (i < words.length) {
      var done = false;
      for (var k = 0; k < this.abbreviations.length; k++) {
        var key = this.abbreviations[k][0];
        if (sameWords(words.slice(i, i + key.length), key)) {
          out.push.apply(out, this.abbreviations[k][1]);
          i += key.length;
          done = true;
          break;
        }
      }
      if (!done) { out.push(words[i]); i += 1; }
    }
    return out;
  };

  Checker.prototype.words = function (name) {
    var self = this;
    var text = name.normalize("NFKC")
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
      .replace(/([A-Za-z])([0-9])/g, "$1 $2")
      .replace(/([0-9])([A-Za-z])/g, "$1 $2");
    var raw = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    var split = [];
    this.expand(raw).forEach(function (word) { split.push.apply(split, self.splitWord(word)); });
    return this.expand(split);
  };

  Checker.prototype.splitWord = function (word) {
    var vocabulary = this.vocabulary;
    if (vocabulary.has(word) || isDigits(word)) { return [word]; }
    var singular = singularOf(word, vocabulary);
    if (singular) { return [singular]; }
    var suffixes = ["dt", "date"];
    for (var s = 0; s < suffixes.length; s++) {
      var suffix = suffixes[s];
      if (word.slice(-suffix.length) === suffix && word.length - suffix.length >= 3) {
        return this.splitWord(word.slice(0, -suffix.length)).concat([suffix]);
      }
    }
    var pieces = segment(word, vocabulary);
    if (pieces.length) { return pieces; }
    for (var j = 0; j < JOINTS.length; j++) {
      var joint = JOINTS[j];
      var cut = word.indexOf(joint, 3);
      while (cut > 0) {
        var head = word.slice(0, cut);
        var known = vocabulary.has(head) ? [head] : segment(head, vocabulary);
        if (known.length && word.length - cut - joint.length >= 3) {
          return known.concat([joint, word.slice(cut + joint.length)]);
        }
        cut = word.indexOf(joint, cut + 1);
      }
    }
    return [word];
  };

  function singularOf(word, vocabulary) {
    if (word.slice(-3) === "ies" && vocabulary.has(word.slice(0, -3) + "y")) { return word.slice(0, -3) + "y"; }
    if (word.slice(-1) === "s" && vocabulary.has(word.slice(0, -1))) { return word.slice(0, -1); }
    if (word.slice(-2) === "es" && vocabulary.has(word.slice(0, -2))) { return word.slice(0, -2); }
    return "";
  }

  // The fewest known words of two letters or more that make up `word`, or [].
  function segment(word, vocabulary) {
    var n = word.length;
    var best = new Array(n + 1).fill(null);
    best[0] = [];
    for (var end = 2; end <= n; end++) {
      for (var start = 0; start < end - 1; start++) {
        var previous = best[start];
        var piece = word.slice(start, end);
        if (previous === null || !vocabulary.has(piece)) { continue; }
        if (best[end] === null || previous.length + 1 < best[end].length) {
          best[end] = previous.concat([piece]);
        }
      }
    }
    var result = best[n];
    return result && result.length > 1 ? result : [];
  }

  Checker.prototype.classify = function (name) {
    var words = this.words(name);
    var hints = this.hintsOf(words);
    if (!words.length) { return this.unnamed(name); }
    if (this.listWords.count_words.has(words[0]) && words.length > 1) {
      return this.plain(name, words, "count", null, "", words[0], hints);
    }
    var matches = this.matches(words);
    var strong = matches.filter(function (m) { return !m.form.weak; });
    var pool = strong.length ? strong : matches;
    if (!pool.length) { return this.plain(name, words, "none", null, "", "", hints); }
    var head = pool[0];
    pool.forEach(function (m) {
      if (m.end > head.end || (m.end === head.end && m.start > head.start)) { head = m; }
    });
    var matched = words.slice(head.start, head.end).join(" ");
    var form = head.form;
    var describing = this.describes(words, head);
    if (describing) { return this.plain(name, words, "describes", form, matched, describing, hints); }
    if (form.letter !== null) {
      var owner = this.organisation(words, head);
      if (owner) { return this.plain(name, words, "organisation", form, matched, owner, hints); }
      var derivedWords = this.listWords.derived;
      var derived = words.filter(function (w) { return derivedWords.has(w); })[0] || "";
      var context = "";
      if (derived && this.derivedForm) { form = this.derivedForm; context = derived; }
      return this.result(name, words, "identifier", form, matched, context, hints);
    }
    return this.result(name, words, "review", form, matched, "", hints);
  };

  Checker.prototype.matches = function (words) {
    var self = this;
    var found = [];
    this.forms.forEach(function (form, order) {
      if (form.derived) { return; }
      form.phrases.forEach(function (phrase) {
        for (var start = 0; start + phrase.length <= words.length; start++) {
          if (self.phraseAt(words, start, phrase)) {
            var match = { start: start, end: start + phrase.length, form: form, order: order,
                          slots: phrase.filter(function (w) { return w.charAt(0) === "@"; }).length };
            if (self.allowedHere(words, match)) { found.push(match); }
          }
        }
      });
    });
    found.sort(function (a, b) {
      return (a.form.weak - b.form.weak) || ((b.end - b.start) - (a.end - a.start)) ||
             (a.slots - b.slots) || (a.start - b.start) || (a.order - b.order);
    });
    var chosen = [];
    found.forEach(function (m) {
      if (chosen.every(function (c) { return m.end <= c.start || m.start >= c.end; })) { chosen.push(m); }
    });
    return chosen;
  };

  Checker.prototype.phraseAt = function (words, start, phrase) {
    for (var i = 0; i < phrase.length; i++) {
      var expected = phrase[i];
      var word = words[start + i];
      if (expected.charAt(0) === "@") {
        if (!this.listWords[expected.slice(1)].has(word)) { return false; }
      } else if (word !== expected) {
        return false;
      }
    }
    return true;
  };

  Checker.prototype.entries = function (entries) {
    var self = this;
    var out = [];
    entries.forEach(function (entry) {
      if (entry.length === 1 && entry[0].charAt(0) === "@") {
        out.push.apply(out, self.lists[entry[0].slice(1)]);
      } else {
        out.push(entry);
      }
    });
    return out;
  };

  Checker.prototype.allowedHere = function (words, match) {
    var self = this;
    var form = match.form;
    var before = this.before(words, match);
    var after = words.slice(match.end);
    if (form.alone) {
      var outside = words.slice(0, match.start).concat(after);
      var quiet = outside.every(function (w) {
        return self.listWords.person.has(w) || self.listWords.neutral.has(w) || isDigits(w);
      });
      if (!quiet) { return false; }
    }
    var blockedAfter = this.entries(form.not_after).some(function (e) {
      return before.length >= e.length && sameWords(before.slice(before.length - e.length), e);
    });
    if (blockedAfter) { return false; }
    if (this.entries(form.not_before).some(function (e) { return sameWords(after.slice(0, e.length), e); })) {
      return false;
    }
    if (this.entries(form.not_with).some(function (e) { return contains(words, e); })) { return false; }
    return true;
  };

  // Words that qualify the match, nearest last: "name of school" reads as "school name".
  Checker.prototype.before = function (words, match) {
    var before = words.slice(0, match.start);
    if (words[match.end] === "of") { before = before.concat(words.slice(match.end + 1)); }
    return before;
  };

  Checker.prototype.describes = function (words, head) {
    var after = words.slice(head.end);
    var i;
    for (i = 0; i < this.lists.describes.length; i++) {
      if (contains(after, this.lists.describes[i])) { return this.lists.describes[i].join(" "); }
    }
    var before = words.slice(0, head.start);
    for (i = 0; i < this.lists.describes_before.length; i++) {
      if (contains(before, this.lists.describes_before[i])) { return this.lists.describes_before[i].join(" "); }
    }
    return "";
  };

  Checker.prototype.organisation = function (words, head) {
    var before = this.before(words, head);
    for (var i = before.length - 1; i >= 0; i--) {
      var word = before[i];
      if (this.listWords.person.has(word)) { return ""; }
      if (this.listWords.organisation.has(word) && !head.form.keep_after.has(word)) { return word; }
    }
    return "";
  };

  Checker.prototype.hintsOf = function (words) {
    return this.hints.filter(function (h) {
      return h.phrases.some(function (p) { return contains(words, p); });
    }).map(function (h) { return h.id; });
  };

  Checker.prototype.result = function (name, words, reason, form, matched, context, hints) {
    var verdicts = {};
    this.kinds.forEach(function (kind) { verdicts[kind] = Object.assign({}, form.verdicts[kind]); });
    return { column: name, words: words, reason: reason, identifier: form.letter, form: form.label,
             formId: form.id, matched: matched, context: context, verdicts: verdicts, hints: hints };
  };

  Checker.prototype.plain = function (name, words, reason, form, matched, context, hints) {
    var verdicts = {};
    this.kinds.forEach(function (kind) { verdicts[kind] = { verdict: "allowed", condition: "", citation: "" }; });
    return { column: name, words: words, reason: reason, identifier: null, form: form ? form.label : "",
             formId: form ? form.id : "", matched: matched, context: context, verdicts: verdicts, hints: hints };
  };

  Checker.prototype.unnamed = function (name) {
    var condition = "The column has no name: look at its values before deciding.";
    return { column: name, words: [], reason: "unnamed", identifier: null, form: "", formId: "", matched: "",
             context: "", hints: [],
             verdicts: { identified: { verdict: "allowed", condition: "", citation: "" },
                         limited_data_set: { verdict: "review", condition: condition, citation: "" },
                         de_identified: { verdict: "review", condition: condition, citation: "" } } };
  };

  // -- reading names (mirror of columnfile.py) --------------------------------------------------
  function countOutsideQuotes(text, delimiter) {
    var count = 0;
    var quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (c === '"') { quoted = !quoted; } else if (c === delimiter && !quoted) { count += 1; }
    }
    return count;
  }

  function sniffDelimiter(line) {
    var best = "";
    var most = 0;
    DELIMITERS.forEach(function (d) {
      var n = countOutsideQuotes(line, d);
      if (n > most) { most = n; best = d; }
    });
    return best;
  }

  function firstRecordEnd(text) {
    var quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (c === '"') { quoted = !quoted; } else if ((c === "\r" || c === "\n") && !quoted) { return i; }
    }
    return -1;
  }

  function parseRecord(line, delimiter) {
    var cells = [];
    var cell = "";
    var quoted = false;
    for (var i = 0; i < line.length; i++) {
      var c = line.charAt(i);
      if (quoted) {
        if (c === '"' && line.charAt(i + 1) === '"') { cell += '"'; i += 1; }
        else if (c === '"') { quoted = false; }
        else { cell += c; }
      } else if (c === '"') {
        quoted = true;
      } else if (c === delimiter) {
        cells.push(cell); cell = "";
      } else {
        cell += c;
      }
    }
    cells.push(cell);
    return cells;
  }

  function cleanNames(names) {
    var cleaned = names.map(function (n) { return n.trim().replace(/^"+|"+$/g, "").trim(); });
    if (!cleaned.length) { throw new Error("No column names found."); }
    if (cleaned.length > MAX_NAMES) {
      throw new Error(cleaned.length + " column names; the checker takes at most " + MAX_NAMES + ".");
    }
    return cleaned;
  }

  // Column names from text: a header line (when it holds a delimiter) or one name a line.
  function namesFromText(text, csvFile) {
    text = text.replace(/^\ufeff/, "");
    var end = firstRecordEnd(text);
    var first = end < 0 ? text : text.slice(0, end);
    var delimiter = sniffDelimiter(first.trim());
    if (delimiter || csvFile) {
      return { names: cleanNames(parseRecord(first.replace(/[\r\n]/g, " "), delimiter || ",")),
               layout: "csv header" };
    }
    var lines = text.split(/\r\n|\r|\n/).map(function (l) { return l.trim(); }).filter(Boolean);
    return { names: cleanNames(lines), layout: "list" };
  }

  function decodeHead(bytes) {
    var b = new Uint8Array(bytes);
    if (b[0] === 0xEF && b[1] === 0xBB && b[2] === 0xBF) { return new TextDecoder("utf-8").decode(b); }
    if ((b[0] === 0xFF && b[1] === 0xFE)) { return new TextDecoder("utf-16le").decode(b); }
    if ((b[0] === 0xFE && b[1] === 0xFF)) { return new TextDecoder("utf-16be").decode(b); }
    var sample = b.subarray(0, 4096);
    var zeros = 0;
    var controls = 0;
    for (var i = 0; i < sample.length; i++) {
      if (sample[i] === 0) { zeros += 1; }
      if (sample[i] < 32 && [9, 10, 13].indexOf(sample[i]) < 0) { controls += 1; }
    }
    if (sample.length >= 4 && zeros * 2 >= sample.length - 1) {
      var evenZero = true;
      var oddZero = true;
      for (var j = 0; j < sample.length; j++) {
        if (j % 2 === 1 && sample[j] !== 0) { oddZero = false; }
        if (j % 2 === 0 && sample[j] !== 0) { evenZero = false; }
      }
      if (oddZero) { return new TextDecoder("utf-16le").decode(b); }
      if (evenZero) { return new TextDecoder("utf-16be").decode(b); }
    }
    if (zeros || controls / Math.max(sample.length, 1) > 0.05) {
      throw new Error("This looks like binary data (a spreadsheet or a zip?), not text: save it as CSV first.");
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(b);
    } catch (error) {
      return new TextDecoder("windows-1252").decode(b);
    }
  }

  // Only the first line of the file is used; at most 1 MiB is read to find where it ends.
  function namesFromFile(file) {
    function attempt(size) {
      return file.slice(0, size).arrayBuffer().then(function (buffer) {
        if (!buffer.byteLength) { throw new Error("The file is empty, so it has no header."); }
        var text = decodeHead(buffer);
        var end = firstRecordEnd(text);
        if (end < 0 && size < file.size) {
          if (size >= MAX_HEADER_BYTES) {
            throw new Error("No line break in the first 1 MiB: this does not look like a CSV header.");
          }
          return attempt(MAX_HEADER_BYTES);
        }
        return namesFromText(end < 0 ? text : text.slice(0, end), true);
      });
    }
    return attempt(CHUNK);
  }

  // -- report -----------------------------------------------------------------------------------
  // `kinds`: the keys of the kinds of data set, in the rules' order.
  function summarize(results, kinds) {
    var out = {};
    kinds.forEach(function (kind) {
      function names(verdict) {
        return results.filter(function (r) { return r.verdicts[kind].verdict === verdict; })
                      .map(function (r) { return r.column || "(no name)"; });
      }
      out[kind] = { kind: kind, notAllowed: names("not allowed"), partly: names("partly"),
                    review: names("review"), columns: results.length };
    });
    return out;
  }

  function columnsText(names) {
    return names.length + " column" + (names.length !== 1 ? "s" : "") + " (" + names.join(", ") + ")";
  }

  function summarySentence(s) {
    var todo = [];
    if (s.partly.length) { todo.push("reduce " + columnsText(s.partly)); }
    if (s.review.length) { todo.push("review " + columnsText(s.review)); }
    todo = todo.join(" and ");
    if (s.kind === "identified") {
      return "All " + s.columns + " column" + (s.columns !== 1 ? "s" : "") + " may be kept; use and disclosure " +
             "follow the Privacy Rule, including the minimum necessary standard.";
    }
    var removed = s.notAllowed.length + " column" + (s.notAllowed.length !== 1 ? "s" : "") +
                  " must be removed: " + s.notAllowed.join(", ") + ".";
    if (s.kind === "limited_data_set") {
      if (s.notAllowed.length) {
        return "This extract is not a limited data set: " + removed + (todo ? " Also " + todo + "." : "");
      }
      if (todo) { return "This extract can be a limited data set once you " + todo + "."; }
      return "No column is excluded from a limited data set; share it only under a data use agreement, for " +
             "research, public health or health care operations.";
    }
    if (s.notAllowed.length) {
      return "This extract is not de-identified under Safe Harbor: " + removed + (todo ? " Also " + todo + "." : "");
    }
    if (todo) {
      return "This extract can be de-identified under Safe Harbor once you " + todo + ", if no one has " +
             "actual knowledge that the rest could identify a person.";
    }
    return "No column names one of the 18 identifiers: the extract can be de-identified under Safe Harbor if " +
           "no one has actual knowledge that what remains could identify a person.";
  }

  function reasonText(r) {
    switch (r.reason) {
      case "describes":
        return "Describes the " + r.form + " (\u2018" + r.context + "\u2019) without holding it.";
      case "organisation":
        return "Belongs to a provider or organisation (\u2018" + r.context + "\u2019), not to the person.";
      case "count":
        return "A count (\u2018" + r.context + "\u2019).";
      case "review":
        return capital(r.form) + ": the name cannot tell what it holds.";
      case "unnamed":
        return "The column has no name.";
      case "identifier":
        return r.context ? "Derived from the person\u2019s information (\u2018" + r.context + "\u2019)." : "";
      default:
        return "";
    }
  }

  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  // -- page -------------------------------------------------------------------------------------
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function Page(rules, checker, root) {
    this.rules = rules;
    this.checker = checker;
    this.root = root;  // the site's root URL, to resolve the site-relative links in the rules
  }

  Page.prototype.href = function (url) { return new URL(url, this.root).href; };

  Page.prototype.matrixLink = function (letter, text) {
    var anchor = this.rules.elements[letter].anchor;
    return el("a", { href: this.href(this.rules.links.matrix) + "#" + anchor }, [text]);
  };

  Page.prototype.termLink = function (termId) {
    var links = this.rules.links;
    return el("a", { href: this.href(links.terms[termId]) }, [links.term_names[termId] || termId]);
  };

  Page.prototype.verdictCell = function (result, kind) {
    var verdict = result.verdicts[kind];
    var cell = el("td", { class: "kb-checker__verdict kb-checker__verdict--" + verdict.verdict.replace(" ", "-") },
                  [el("strong", {}, [capital(verdict.verdict)])]);
    if (verdict.verdict !== "allowed" && verdict.condition) {
      cell.appendChild(el("span", { class: "kb-checker__condition" }, [verdict.condition]));
    }
    if (result.identifier && verdict.verdict !== "allowed") {
      var terms = this.rules.terms[kind];
      var links = el("span", { class: "kb-checker__links" }, [this.matrixLink(result.identifier,
                     "Matrix row " + result.identifier)]);
      var self = this;
      terms.forEach(function (t) { links.appendChild(document.createTextNode(" \u00b7 ")); links.appendChild(self.termLink(t)); });
      cell.appendChild(links);
    }
    return cell;
  };

  Page.prototype.table = function (results) {
    var self = this;
    var head = el("tr", {}, ["Column", "Identifier"].concat(this.rules.kinds.map(function (k) { return k.column; }))
      .map(function (h) { return el("th", { scope: "col" }, [h]); }));
    var body = el("tbody", {}, results.map(function (r) {
      var identifier = el("td", { class: "kb-checker__identifier" });
      if (r.identifier) {
        identifier.appendChild(self.matrixLink(r.identifier, r.identifier));
        identifier.appendChild(document.createTextNode(" " + r.form));
      } else {
        identifier.appendChild(document.createTextNode(r.reason === "review" || r.reason === "unnamed" ? "?" : "\u2014"));
        identifier.appendChild(el("span", { class: "md-visually-hidden" }, [r.reason === "review" ||
                               r.reason === "unnamed" ? " cannot tell" : " none"]));
      }
      var why = reasonText(r);
      if (why) { identifier.appendChild(el("span", { class: "kb-checker__why" }, [why])); }
      r.hints.forEach(function (hintId) {
        var hint = self.rules.hints.filter(function (h) { return h.id === hintId; })[0];
        identifier.appendChild(el("span", { class: "kb-checker__hint-law" },
                                  [capital(hint.label) + ": see ", self.termLink(hint.term), "."]));
      });
      return el("tr", {}, [el("th", { scope: "row" }, [el("code", {}, [r.column || "(no name)"])]), identifier]
        .concat(kindKeys(self.rules).map(function (kind) { return self.verdictCell(r, kind); })));
    }));
    var table = el("table", {}, [el("caption", {}, ["Verdict for each column"]), el("thead", {}, [head]), body]);
    return el("div", { class: "md-typeset__scrollwrap kb-checker__scroll", tabindex: "0", role: "region",
                       "aria-label": "Verdict for each column" },
              [el("div", { class: "md-typeset__table" }, [table])]);
  };

  Page.prototype.summary = function (results) {
    var self = this;
    var summaries = summarize(results, kindKeys(this.rules));
    var list = el("ul", { class: "kb-checker__summary" }, this.rules.kinds.map(function (kind) {
      var s = summaries[kind.key];
      var state = s.notAllowed.length ? "not-allowed" : (s.partly.length || s.review.length ? "partly" : "allowed");
      return el("li", { class: "kb-checker__summary-" + state },
                [el("strong", {}, [kind.label + ": "]), summarySentence(s)]);
    }));
    var parts = [el("h2", { id: "kb-checker-result-heading", tabindex: "-1" }, ["Result for " + results.length +
                 " column" + (results.length !== 1 ? "s" : "")]), list];
    var hinted = this.rules.hints.filter(function (h) {
      return results.some(function (r) { return r.hints.indexOf(h.id) >= 0; });
    });
    hinted.forEach(function (h) {
      parts.push(el("p", { class: "kb-checker__law" }, [h.note + " See ", self.termLink(h.term), "."]));
    });
    parts.push(this.table(results));
    parts.push(el("p", { class: "kb-checker__caveat" }, ["Column names only: the checker cannot see the values, " +
      "and this is not legal advice."]));
    return parts;
  };

  Page.prototype.show = function (results, note) {
    var target = document.getElementById("kb-checker-result");
    target.textContent = "";
    this.summary(results).forEach(function (part) { target.appendChild(part); });
    // The status line counts the columns to remove for the kinds that exclude some (all but the first).
    var summaries = summarize(results, kindKeys(this.rules));
    var removals = this.rules.kinds.slice(1).map(function (kind) {
      return " " + kind.label + ": " + summaries[kind.key].notAllowed.length + " to remove.";
    });
    setStatus("Checked " + results.length + " column" + (results.length !== 1 ? "s" : "") + (note ? " " + note : "") +
              "." + removals.join(""));
  };

  function setStatus(text, isError) {
    var status = document.getElementById("kb-checker-status");
    status.textContent = text;
    status.classList.toggle("kb-checker__status--error", Boolean(isError));
  }

  function start(rules) {
    var form = document.getElementById("kb-checker");
    if (!form) { return; }
    var checker = new Checker(rules);
    var page = new Page(rules, checker, new URL("../../", script.src).href);
    var textarea = document.getElementById("kb-checker-names");
    var fileInput = document.getElementById("kb-checker-file");
    form.hidden = false;

    function run(read, note) {
      var results = read.names.map(function (name) { return checker.classify(name); });
      page.show(results, note);
    }

    function checkFile(file) {
      namesFromFile(file).then(function (read) {
        run(read, "from the header of " + file.name);
      }).catch(function (error) { setStatus(error.message, true); });
    }

    // The text box when it holds names, else the chosen file: what the person last worked on.
    function check() {
      var file = fileInput.files && fileInput.files[0];
      if (!textarea.value.trim() && file) {
        checkFile(file);
        return;
      }
      if (!textarea.value.trim()) {
        setStatus("Paste some column names, or choose a CSV file.", true);
        textarea.focus();
        return;
      }
      try {
        run(namesFromText(textarea.value, false), "");
      } catch (error) {
        setStatus(error.message, true);
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check();
    });
    fileInput.addEventListener("change", function () {
      if (fileInput.files && fileInput.files[0]) { checkFile(fileInput.files[0]); }
    });
  }

  window.kbColumnChecker = { Checker: Checker, namesFromText: namesFromText, summarize: summarize,
                             summarySentence: summarySentence };

  if (!document.getElementById("kb-checker") || !script) { return; }
  // The rules are a script next to this one (a script loads from file://, where fetch() may not).
  var rulesScript = document.createElement("script");
  rulesScript.src = new URL("data-set-rules.js", script.src).href;
  rulesScript.onload = function () { start(window.kbColumnRules); };
  rulesScript.onerror = function () {
    setStatus("The checker's rules could not be loaded; reload the page, or use the command line.", true);
  };
  document.head.appendChild(rulesScript);
})();
