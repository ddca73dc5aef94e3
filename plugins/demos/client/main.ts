// The demo client (bundled into assets/demos.js, loaded only by pages with a demo). Each island
// (`[data-demo][data-kind]`) hydrates when it scrolls into view or on the first interaction with it:
// the manifest entry of its model is looked up and the widget of its kind mounts. Widgets load their
// model themselves through the context (lazily, verified, one runtime for the page).
import { createContext } from "./context.ts";
import { loadManifest } from "./manifest.ts";
import { availableOffline, registerServiceWorker } from "./offline.ts";
import { strings } from "./strings.ts";
import { widgets } from "./widgets/index.ts";

const hydrated = new WeakSet<HTMLElement>();

function offlineBadge(root: HTMLElement): HTMLElement {
  let badge = root.querySelector<HTMLElement>("[data-offline-status]");
  if (!badge) {
    badge = document.createElement("span");
    badge.className = "tp-demo-offline";
    badge.setAttribute("data-offline-status", "");
    (root.querySelector("figcaption") ?? root).append(" ", badge);
  }
  return badge;
}

async function hydrate(root: HTMLElement): Promise<void> {
  if (hydrated.has(root)) return;
  hydrated.add(root);
  const lang = root.closest("[lang]")?.getAttribute("lang") ?? "en";
  const t = strings(lang);
  const id = root.dataset.demo ?? "";
  const kind = root.dataset.kind ?? "";
  const fail = (message: string): void => {
    root.dataset.state = "error";
    const status = root.querySelector("[data-status]");
    if (status) {
      status.textContent = `${t.error} ${message}`;
      status.setAttribute("role", "alert");
    }
  };
  const mount = widgets[kind];
  if (!mount) return fail(`no widget of kind "${kind}"`);
  root.dataset.state = "loading";
  let model;
  try {
    model = (await loadManifest()).models.find((m) => m.id === id);
  } catch (e) {
    return fail(`${t.fetchFailed} (models/manifest.json: ${e instanceof Error ? e.message : String(e)})`);
  }
  if (!model) return fail(`${t.missingModel} ("${id}")`);
  const showOffline = async (): Promise<void> => {
    if (!(await registerServiceWorker())) return;
    // The files this demo uses (its variant of each part, and a text model's vocabulary), not every
    // variant the site publishes.
    const vocab = model.vocab;
    const yes = await availableOffline(vocab ? [...ctx.files(), vocab] : ctx.files());
    root.dataset.offline = String(yes);
    offlineBadge(root).textContent = yes ? t.offline : t.notOffline;
  };
  const ctx = createContext(root, model, (state) => {
    if (state === "ready") void showOffline();
  });
  try {
    await mount(root, ctx);
  } catch (e) {
    ctx.fail(e);
  }
}

function start(): void {
  const roots = [...document.querySelectorAll<HTMLElement>("[data-demo][data-kind]")];
  if (roots.length === 0) return;
  void registerServiceWorker();
  const observer =
    "IntersectionObserver" in window
      ? new IntersectionObserver(
          (entries) => {
            for (const e of entries) {
              if (!e.isIntersecting) continue;
              observer?.unobserve(e.target);
              void hydrate(e.target as HTMLElement);
            }
          },
          { rootMargin: "200px" },
        )
      : undefined;
  for (const root of roots) {
    if (observer) observer.observe(root);
    else void hydrate(root);
    // First interaction (a tap, a key) hydrates too, even before the island is in view.
    for (const type of ["pointerdown", "focusin", "keydown"]) root.addEventListener(type, () => void hydrate(root), { once: true });
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
