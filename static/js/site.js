// Site behaviour on top of NHS.UK frontend: start its components, and suggest lesson titles
// in search boxes that ask for it (data-suggest-url), through a native <datalist>.
import { initAll } from "nhsuk-frontend"; // named by the import map in base.html

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
