// Reading on a phone: the first tap on a linked term shows its definition in place.
//
// A mouse gets Material's tooltip on hover and a keyboard on focus; a finger gets neither, and
// a tap used to leave the page. So on a touch screen the first tap on a mention opens a small
// non-modal dialog with the term, its definition and "Open the term page"; tapping the same
// mention again follows its link. A tap elsewhere closes it; Esc and Close also give focus back
// to the mention. Mouse and keyboard clicks are left alone. Nothing is fetched: the definition
// is the mention's own title (the plain-text definition the build puts there for the tooltip).
(function () {
  "use strict";

  var MENTION = "a.kb-term";
  // The closing "Terms on this page" list already prints each definition next to its link.
  var NO_PANEL = ".kb-terms-on-page";
  var SUPPRESS_TOOLTIP = "kb-term-panel-open"; // on <html>: hide Material's tooltip meanwhile

  var panel = null;
  var titleText = null;
  var definitionText = null;
  var openLink = null;
  var current = null; // the mention whose definition is shown
  var lastPointer = ""; // pointerType of the latest pointerdown ("touch", "mouse", "pen")

  function mentionAt(target) {
    var link = target && target.closest ? target.closest(MENTION) : null;
    return link && !link.closest(NO_PANEL) ? link : null;
  }

  // Material moves the title into its tooltip while the tooltip shows (a tap focuses the link),
  // so the definition is kept aside at pointerdown, before that happens.
  function definitionOf(link) {
    var kept = link.getAttribute("data-kb-definition");
    if (kept) {
      return kept;
    }
    var title = (link.getAttribute("title") || "").trim();
    if (title) {
      link.setAttribute("data-kb-definition", title);
    }
    return title;
  }

  function createPanel() {
    panel = document.createElement("div");
    panel.className = "kb-term-panel";
    panel.id = "kb-term-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "kb-term-panel-title");
    panel.setAttribute("aria-describedby", "kb-term-panel-definition");
    panel.tabIndex = -1;
    panel.hidden = true;

    titleText = document.createElement("p");
    titleText.className = "kb-term-panel__title";
    titleText.id = "kb-term-panel-title";
    definitionText = document.createElement("p");
    definitionText.className = "kb-term-panel__definition";
    definitionText.id = "kb-term-panel-definition";

    var actions = document.createElement("p");
    actions.className = "kb-term-panel__actions";
    openLink = document.createElement("a");
    openLink.className = "kb-term-panel__open";
    openLink.textContent = "Open the term page";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "kb-term-panel__close";
    close.textContent = "Close";
    close.addEventListener("click", function () {
      closePanel(true);
    });
    actions.append(openLink, close);
    panel.append(titleText, definitionText, actions);

    panel.addEventListener("focusout", function (event) {
      // Tabbing out of the panel closes it; a tap on the mention itself is the second tap.
      var to = event.relatedTarget;
      if (current && to && !panel.contains(to) && to !== current) {
        closePanel(false);
      }
    });

    // Inside the article, so the panel sits in the page's main landmark and scrolls with the text.
    var host = document.querySelector("article.md-content__inner") || document.body;
    host.classList.add("kb-term-panel-host");
    host.appendChild(panel);
  }

  // Below the line the mention ends on, or above it when there is no room below.
  function place(link) {
    var host = panel.parentElement;
    var hostBox = host.getBoundingClientRect();
    var lines = link.getClientRects();
    var line = lines.length ? lines[lines.length - 1] : link.getBoundingClientRect();
    var gap = 6;
    var left = Math.max(0, Math.min(line.left - hostBox.left, host.clientWidth - panel.offsetWidth));
    var below = line.bottom + gap + panel.offsetHeight <= window.innerHeight;
    var above = line.top - gap - panel.offsetHeight >= 0;
    var top = below || !above ? line.bottom - hostBox.top + gap : line.top - hostBox.top - gap - panel.offsetHeight;
    panel.style.left = left + "px";
    panel.style.top = top + "px";
    panel.classList.toggle("kb-term-panel--above", !below && above);
  }

  function openPanel(link) {
    if (!panel) {
      createPanel();
    }
    current = link;
    link.classList.add("kb-term--shown");
    titleText.textContent = link.getAttribute("data-term") || link.textContent;
    definitionText.textContent = definitionOf(link);
    openLink.href = link.href;
    panel.hidden = false;
    document.documentElement.classList.add(SUPPRESS_TOOLTIP);
    place(link);
    // Focus moves into the dialog, so screen readers announce its name and the definition.
    panel.focus({ preventScroll: true });
    panel.scrollIntoView({ block: "nearest" });
  }

  function closePanel(returnFocus) {
    if (!current) {
      return;
    }
    var link = current;
    current = null;
    link.classList.remove("kb-term--shown");
    panel.hidden = true;
    if (returnFocus) {
      // Back where the reader was; Material's tooltip stays hidden until the mention loses focus.
      link.addEventListener("blur", function () {
        document.documentElement.classList.remove(SUPPRESS_TOOLTIP);
      }, { once: true });
      link.focus({ preventScroll: true });
    } else {
      document.documentElement.classList.remove(SUPPRESS_TOOLTIP);
    }
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType;
    var link = mentionAt(event.target);
    if (link) {
      definitionOf(link);
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    lastPointer = "";
    if (event.key === "Escape" && current) {
      event.preventDefault();
      closePanel(true);
    }
  }, true);

  // Capture phase: a tap anywhere but the panel or the open mention closes the panel first.
  document.addEventListener("click", function (event) {
    if (current && !panel.contains(event.target) && mentionAt(event.target) !== current) {
      closePanel(false);
    }
  }, true);

  document.addEventListener("click", function (event) {
    var link = mentionAt(event.target);
    // detail 0: a click made by the keyboard (Enter), which keeps following the link.
    if (!link || lastPointer !== "touch" || event.detail === 0 || event.defaultPrevented ||
        event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    if (link === current || !definitionOf(link)) {
      return; // the second tap opens the term page
    }
    event.preventDefault();
    openPanel(link);
  });

  window.addEventListener("resize", function () {
    if (current) {
      place(current);
    }
  });
  window.addEventListener("beforeprint", function () {
    closePanel(false);
  });
})();
