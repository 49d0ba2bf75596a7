// Sortable tables: each column header becomes a button that sorts the rows
// by that column's text (again for the reverse order), and says so with
// aria-sort. Numbers and dates sort as such because they compare as text
// with numeric collation.

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

export function makeSortable(table: HTMLTableElement): void {
  const heads = [...table.querySelectorAll<HTMLTableCellElement>("thead th")];
  const body = table.tBodies[0];
  if (!body) return;
  heads.forEach((th, col) => {
    const label = th.textContent ?? "";
    th.textContent = "";
    const b = document.createElement("button");
    b.type = "button";
    b.className = "sort";
    b.dataset.testid = "sort";
    b.textContent = label;
    b.title = `Sort by ${label.toLowerCase()}`;
    th.append(b);
    th.setAttribute("aria-sort", "none");
    b.addEventListener("click", () => {
      const asc = th.getAttribute("aria-sort") !== "ascending";
      for (const other of heads) other.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      const rows = [...body.rows];
      const key = (r: HTMLTableRowElement) => (r.cells[col]?.textContent ?? "").trim();
      rows.sort((x, y) => {
        const a = key(x), z = key(y);
        // Empty cells ("—") last, whichever the order.
        if ((a === "—" || a === "") !== (z === "—" || z === "")) return a === "—" || a === "" ? 1 : -1;
        return asc ? collator.compare(a, z) : collator.compare(z, a);
      });
      body.append(...rows);
    });
  });
}
