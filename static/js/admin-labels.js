// The Wagtail editor's tag fields: the tag-it widget adds a text box that no <label> points to
// (axe's "label" rule). Name each one after its field's label, as it appears.
(function () {
  "use strict";
  function nameTagInputs(root) {
    root.querySelectorAll("input.ui-autocomplete-input:not([aria-label])").forEach(function (input) {
      var field = input.closest("[data-field-wrapper], .w-field__wrapper, .w-panel");
      var label = field && field.querySelector("label, .w-field__label, .w-panel__heading");
      input.setAttribute("aria-label", label ? label.textContent.trim() : "Tags");
    });
  }
  new MutationObserver(function () {
    nameTagInputs(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    nameTagInputs(document);
  });
})();
