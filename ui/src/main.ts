// Entry point: builds the app and wires the page's controls.

import "./style.css";
import { App } from "./app";
import { ArticlePanel } from "./article";
import { attachAutocomplete } from "./autocomplete";
import { MODALITY_COLOR } from "./canvas";
import { DetailsPanel } from "./details";
import { byId, h } from "./dom";
import { FiltersPanel } from "./filterspanel";
import { GROUP_STYLE, KIND_STYLE } from "./kinds";
import { PathsPanel } from "./paths";
import { QuestionsPanel } from "./questions";
import { AddPanel } from "./addpanel";
import { NODE_KINDS } from "./types";
import { OverviewPanel } from "./overview";
import { fuzzySearcher } from "./fuzzy";
import { ListView } from "./listview";
import { attachLasso } from "./lasso";
import { InvestigationsDialog } from "./investigations";
import { canvasFind, canvasModes, collapsibles, selectionTools, undoControls } from "./controls";
import { ReviewPanel } from "./review";

declare global {
  interface Window {
    __actorgraph?: {
      app: App;
      graph: App["model"]["graph"];
      ready: Promise<void>;
    };
  }
}

function legend(el: HTMLElement): void {
  for (const k of NODE_KINDS) {
    const st = KIND_STYLE[k];
    const sw = h("span", { class: `swatch ${st.shape}` });
    if (st.shape === "ring") sw.style.borderColor = st.color;
    else sw.style.background = st.color;
    el.append(h("span", { class: "item" }, sw, st.label));
  }
  for (const [m, c] of Object.entries(MODALITY_COLOR)) {
    const sw = h("span", { class: "swatch line" });
    sw.style.background = c;
    el.append(h("span", { class: "item" }, sw, `${m} claim`));
  }
  const grp = h("span", { class: "swatch square" });
  grp.style.background = GROUP_STYLE.color;
  el.append(h("span", { class: "item" }, grp, "your group"));
  el.append(h("span", { class: "item" }, h("span", { class: "swatch line dashed" }), "unreviewed"));
  el.append(h("span", { class: "item" }, h("span", { class: "swatch line solid" }), "confirmed"));
}

function tabs(app: App): (name: string) => void {
  const layout = document.querySelector<HTMLElement>(".layout")!;
  const show = (name: string) => {
    document.querySelectorAll<HTMLElement>(".tab").forEach((t) => {
      t.classList.toggle("active", t.dataset.tab === name);
      t.setAttribute("aria-selected", String(t.dataset.tab === name));
    });
    document.querySelectorAll<HTMLElement>(".tabpanel").forEach((p) => (p.hidden = p.dataset.panel !== name));
    layout.classList.toggle("wide-left", name === "questions");
    // The canvas changed size.
    requestAnimationFrame(() => app.sigma.resize());
  };
  document.querySelectorAll<HTMLElement>(".tab").forEach((t) => t.addEventListener("click", () => show(t.dataset.tab ?? "filters")));
  return show;
}

function main(): void {
  const app = new App(byId("canvas"));
  app.api.askToken = async (retry) => {
    const t = await askToken(retry);
    // With the token, the server may let us edit.
    if (t) setTimeout(() => void app.loadViewer(), 0);
    return t;
  };
  legend(byId("legend-items"));
  collapsibles(app);
  new OverviewPanel(app, byId("empty"));
  const showTab = tabs(app);
  let reviewShown = false;

  attachAutocomplete({
    api: app.api,
    input: byId<HTMLInputElement>("search-input"),
    list: byId<HTMLUListElement>("search-list"),
    track: (p) => app.track(p),
    onPick: (n) => {
      // The details come next: a keyboard user lands on them, not back at the top.
      app.focusDetails = true;
      void app.addEntity(n, { select: true });
    },
    fuzzy: fuzzySearcher(app.api),
  });

  new DetailsPanel(app, byId("details"));
  new ArticlePanel(app, byId("article"), byId("details"));
  new FiltersPanel(app, byId("panel-filters"));
  const paths = new PathsPanel(app, byId("panel-paths"), () => showTab("paths"));
  new QuestionsPanel(app, byId("panel-questions"));
  new AddPanel(app, byId("panel-add"));
  const reviewPanel = new ReviewPanel(app, byId("review-queue"), () => !byId("panel-review").hidden);
  document.querySelector<HTMLElement>('[data-tab="review"]')?.addEventListener("click", () => {
    if (!reviewShown) {
      reviewShown = true;
      void reviewPanel.reload();
    }
  });
  const showRejected = byId<HTMLInputElement>("show-rejected");
  showRejected.addEventListener("change", () => {
    app.canvasState.filters = { ...app.canvasState.filters, showRejected: showRejected.checked };
    app.filtersChanged();
  });
  void app.loadViewer();

  byId("btn-fit").addEventListener("click", () => void app.fit());
  undoControls(app);
  canvasModes(app);
  canvasFind(app);
  selectionTools(app);
  attachLasso(app, document.querySelector<HTMLElement>(".stage")!);
  new ListView(app, byId("list-view"), byId<HTMLButtonElement>("btn-list"));
  const investigations = new InvestigationsDialog(app);
  byId("btn-investigations").addEventListener("click", () => void investigations.open());
  byId("btn-zoom-in").addEventListener("click", () => void app.sigma.getCamera().animatedZoom({ duration: 200 }));
  byId("btn-zoom-out").addEventListener("click", () => void app.sigma.getCamera().animatedUnzoom({ duration: 200 }));
  const layoutBtn = byId("btn-layout");
  const layoutStatus = byId("layout-status");
  app.on("layout", () => {
    const s = app.layout.getStatus();
    layoutStatus.textContent = s;
    layoutStatus.dataset.status = s;
    layoutBtn.textContent = s === "running" ? "Pause layout" : "Run layout";
  });
  layoutBtn.addEventListener("click", () => app.layout.toggle());
  byId("btn-clear").addEventListener("click", () => app.clearCanvas());
  byId("btn-link").addEventListener("click", () => {
    app.syncUrl();
    navigator.clipboard?.writeText(location.href).then(
      () => app.toast("Link to this view copied."),
      () => app.toast("The address bar holds the link to this view."),
    ) ?? app.toast("The address bar holds the link to this view.");
  });
  byId("btn-png").addEventListener("click", () => void app.exportPNG());
  byId("btn-gexf").addEventListener("click", () => app.exportGEXF());
  byId("btn-svg").addEventListener("click", () => app.exportSVG());
  byId("btn-csv").addEventListener("click", () => app.exportCSV());

  const restore = async (fragment: string) => {
    await app.restore(fragment);
    if (app.path) await paths.setEnds(app.path.from, app.path.to);
  };
  const ready = restore(location.hash).catch(() => undefined).then(() => app.baseline());
  // Back, Forward, or a link pasted into this tab (Chromium fires both
  // events for a pasted fragment; the app ignores the second).
  const navigated = (state: unknown) => {
    void app.navigated(state).then(async () => {
      if (app.path) await paths.setEnds(app.path.from, app.path.to);
    }).catch(() => undefined);
  };
  window.addEventListener("popstate", (e) => navigated(e.state));
  window.addEventListener("hashchange", () => navigated(history.state));
  window.__actorgraph = { app, graph: app.model.graph, ready };
  document.body.dataset.pending = String(app.pending);
}

main();

/** Asks the user for the API token in a modal dialog. */
function askToken(retry: boolean): Promise<string | null> {
  const dialog = byId("token-dialog") as HTMLDialogElement;
  const input = byId("token-input") as HTMLInputElement;
  byId("token-hint").textContent = retry
    ? "That token was not accepted. Check it and try again."
    : "Ask whoever runs it for your token (actorgraph token add NAME), or the one it was started with (--token).";
  input.value = "";
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => resolve(dialog.returnValue === "ok" && input.value.trim() ? input.value.trim() : null),
      { once: true },
    );
    dialog.showModal();
    input.focus();
  });
}
