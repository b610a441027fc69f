// Site behaviour on top of NHS.UK frontend: start its components, and suggest lesson titles
// in search boxes that ask for it (data-suggest-url), through a native <datalist>.
// NHS.UK frontend by its path, which collectstatic rewrites to the hashed name in production
// (config/storage.py); a map of module names would be an inline script, which the CSP forbids.
import { initAll } from "../wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js";

initAll();

for (const input of document.querySelectorAll("input[data-suggest-url]")) {
  const list = document.getElementById(input.getAttribute("list"));
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const url = `${input.dataset.suggestUrl}?q=${encodeURIComponent(input.value)}`;
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const { suggestions } = await response.json();
      list.replaceChildren(...suggestions.map((title) => new Option(title)));
    }, 200);
  });
}

// Lists in the form to share a lesson (team members, whys, actions, evidence links). Without
// JavaScript "Add another" and "Remove" are submit buttons and the server shows the page again;
// here they change the list in place. Items are numbered in their field names
// (member-2-role), labels and buttons, so both are renumbered after every change.
for (const list of document.querySelectorAll("[data-list]")) {
  const prefix = list.dataset.list;
  const form = list.closest("form");
  const count = form.querySelector(`input[name="${prefix}-count"]`);
  const add = form.querySelector(`[data-list-add="${prefix}"]`);
  const items = () => [...list.querySelectorAll(":scope > [data-list-item]")];
  const numbered = new RegExp(`${prefix}-\\d+-`, "g");

  const renumber = () => {
    items().forEach((item, index) => {
      const number = String(index + 1);
      for (const element of item.querySelectorAll("[name], [id], [for], [aria-describedby]")) {
        for (const attribute of ["name", "id", "for", "aria-describedby"]) {
          const value = element.getAttribute(attribute);
          if (value) element.setAttribute(attribute, value.replace(numbered, `${prefix}-${number}-`));
        }
      }
      for (const text of item.querySelectorAll("legend, label, [data-list-remove]")) {
        text.firstChild.textContent = text.firstChild.textContent.replace(/\d+/, number);
      }
      const remove = item.querySelector("[data-list-remove]");
      remove.value = number;
      remove.hidden = "keepOne" in list.dataset && items().length === 1;
    });
    count.value = items().length;
    add.parentElement.hidden = items().length >= Number(list.dataset.max);
  };

  const clear = (item) => {
    for (const field of item.querySelectorAll("input, textarea, select")) field.value = "";
    for (const error of item.querySelectorAll(".nhsuk-error-message")) error.remove();
    for (const group of item.querySelectorAll(".nhsuk-form-group--error")) {
      group.classList.remove("nhsuk-form-group--error");
    }
    for (const field of item.querySelectorAll(".nhsuk-input--error, .nhsuk-textarea--error")) {
      field.classList.remove("nhsuk-input--error", "nhsuk-textarea--error");
      field.removeAttribute("aria-invalid");
    }
    for (const field of item.querySelectorAll("[aria-describedby]")) {
      const hints = field.getAttribute("aria-describedby").split(" ").filter((id) => !/-error-\d+$/.test(id));
      if (hints.length) field.setAttribute("aria-describedby", hints.join(" "));
      else field.removeAttribute("aria-describedby");
    }
  };

  add.addEventListener("click", (event) => {
    event.preventDefault();
    const last = items().at(-1);
    const item = last.cloneNode(true);
    clear(item);
    last.after(item);
    renumber();
    item.querySelector("input, textarea, select").focus();
  });

  list.addEventListener("click", (event) => {
    const remove = event.target.closest("[data-list-remove]");
    if (!remove) return;
    event.preventDefault();
    const item = remove.closest("[data-list-item]");
    const neighbour = item.previousElementSibling || item.nextElementSibling;
    if (items().length === 1) clear(item);
    else item.remove();
    renumber();
    (neighbour || item).querySelector("input, textarea, select").focus();
  });
}

// A page that loads with results the reader asked for (lessons from contexts like theirs)
// moves focus to them, unless a form's error summary takes it (NHS.UK frontend focuses it).
const results = document.querySelector("[data-focus-on-load]");
if (results && !document.querySelector(".nhsuk-error-summary")) results.focus();

// A button that prints the page (a round's headline report). Hidden without JavaScript; the
// browser's own print works the same.
for (const button of document.querySelectorAll("button[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
