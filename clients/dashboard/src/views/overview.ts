// The overview: counts of orchestrations by process status and the items finished per minute (GET /status/summary),
// and the orchestrations list (GET /status) with its status and creation-time filters and next_cursor paging.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import type { OrchestrationStatusDto, OrchestrationSummaryDto } from "../../../typescript/src/index.js";
import { h, replaceChildren } from "../dom.js";
import { statusClass, time } from "../format.js";
import { describeError } from "../session.js";
import type { Context, View } from "../view.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export const PROCESS_STATUSES = ["QUEUED", "WAITING_FOR_CONNECTOR", "CATALOG_REQUESTED", "NEGOTIATION_REQUESTED", "NEGOTIATED",
    "TRANSFER_REQUESTED", "TRANSFER_STARTED", "DATA_ADDRESS_RETRIEVED", "DOWNLOADING", "COMPLETED", "PARTIALLY_COMPLETED",
    "FAILED", "CANCELLED"] as const;
const PAGE_SIZES = [5, 20, 50, 100];
const CHART_MINUTES = 60;

/** "2026-12-04T10:15" (datetime-local, local time) → ISO 8601 in UTC; "" → undefined. */
function localToIso(value: string): string | undefined {
    if (value === "") return undefined;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export class OverviewView implements View {
    readonly title = "Overview";
    readonly live = true;
    readonly element: HTMLElement;

    private readonly counts = h("ul", { class: "counts", "aria-label": "Orchestrations by process status" });
    private readonly total = h("p", { class: "muted" });
    private readonly canvas = h("canvas", { id: "finished-chart", role: "img", "aria-label": "Items finished per minute" });
    private readonly chartCaption = h("p", { class: "muted", id: "finished-chart-caption" });
    private readonly rows = h("tbody");
    private readonly pageInfo = h("span", { class: "page-info", "aria-live": "polite" });
    private readonly newer = h("button", { type: "button", class: "secondary", onclick: () => this.page(-1) }, "← Newer");
    private readonly older = h("button", { type: "button", class: "secondary", onclick: () => this.page(1) }, "Older →");
    private chart: Chart<"bar"> | null = null;
    /** Aborted when the operator leaves the page (the shell's signal, from the first refresh). */
    private signal: AbortSignal = new AbortController().signal;

    /** The cursor of each page visited so far (undefined for the first): paging back goes down this list. */
    private cursors: (string | undefined)[] = [undefined];
    private pageIndex = 0;
    private nextCursor: string | null = null;
    private readonly statuses: string[];
    private readonly createdAfter: string;
    private readonly createdBefore: string;
    private readonly pageSize: number;

    constructor(private readonly context: Context, query: URLSearchParams) {
        this.statuses = query.getAll("status").filter((s) => (PROCESS_STATUSES as readonly string[]).includes(s));
        this.createdAfter = query.get("after") ?? "";
        this.createdBefore = query.get("before") ?? "";
        const size = Number(query.get("size"));
        this.pageSize = PAGE_SIZES.includes(size) ? size : 20;
        this.element = h("div", { class: "overview" },
            h("h1", {}, "Overview"),
            h("section", { "aria-labelledby": "counts-title" },
                h("h2", { id: "counts-title" }, "Orchestrations by status"),
                this.counts, this.total),
            h("section", { "aria-labelledby": "chart-title" },
                h("h2", { id: "chart-title" }, `Items finished per minute, last ${CHART_MINUTES} minutes`),
                h("div", { class: "chart" }, this.canvas), this.chartCaption),
            h("section", { "aria-labelledby": "list-title" },
                h("h2", { id: "list-title" }, "Orchestrations"),
                this.filterForm(),
                h("table", { class: "list", "aria-labelledby": "list-title" },
                    h("thead", {}, h("tr", {},
                        h("th", { scope: "col" }, "Orchestration"),
                        h("th", { scope: "col" }, "Status"),
                        h("th", { scope: "col" }, "Items saved"),
                        h("th", { scope: "col" }, "Created"),
                        h("th", { scope: "col" }, "Updated"))),
                    this.rows),
                h("nav", { class: "pager", "aria-label": "Pages of orchestrations" }, this.newer, this.pageInfo, this.older)));
    }

    private filterForm(): HTMLFormElement {
        const boxes = PROCESS_STATUSES.map((status) => h("label", { class: "check" },
            h("input", { type: "checkbox", name: "status", value: status, checked: this.statuses.includes(status) }), status));
        const after = h("input", { type: "datetime-local", id: "created-after", name: "after", value: this.createdAfter, step: 1 });
        const before = h("input", { type: "datetime-local", id: "created-before", name: "before", value: this.createdBefore, step: 1 });
        const size = h("select", { id: "page-size", name: "size" },
            ...PAGE_SIZES.map((n) => h("option", { value: n, selected: n === this.pageSize }, String(n))));
        const form = h("form", { class: "filters", "aria-label": "Filter orchestrations" },
            h("fieldset", {}, h("legend", {}, "Status"), h("div", { class: "checks" }, ...boxes)),
            h("div", { class: "fields" },
                h("div", {}, h("label", { for: "created-after" }, "Created after"), after),
                h("div", {}, h("label", { for: "created-before" }, "Created before"), before),
                h("div", {}, h("label", { for: "page-size" }, "Per page"), size)),
            h("div", { class: "actions" },
                h("button", { type: "submit" }, "Apply filters"),
                h("button", { type: "reset", class: "secondary" }, "Clear")));
        form.addEventListener("submit", (event) => {
            event.preventDefault();
            const query = new URLSearchParams();
            for (const box of boxes) {
                const input = box.querySelector("input") as HTMLInputElement;
                if (input.checked) query.append("status", input.value);
            }
            if (after.value) query.set("after", after.value);
            if (before.value) query.set("before", before.value);
            if (size.value !== "20") query.set("size", size.value);
            const text = query.toString();
            this.context.navigate(text === "" ? "#/" : `#/?${text}`);
        });
        form.addEventListener("reset", (event) => {
            event.preventDefault();
            this.context.navigate("#/");
        });
        return form;
    }

    private page(step: 1 | -1): void {
        if (step === 1) {
            if (this.nextCursor === null) return;
            this.cursors = [...this.cursors.slice(0, this.pageIndex + 1), this.nextCursor];
            this.pageIndex++;
        } else if (this.pageIndex > 0) {
            this.pageIndex--;
        }
        this.refreshList(this.signal).catch((error: unknown) => {
            if (!this.signal.aborted) this.context.notify(`Could not load the page: ${describeError(error)}`, "error");
        });
    }

    async refresh(signal: AbortSignal): Promise<void> {
        this.signal = signal;
        await Promise.all([this.refreshSummary(signal), this.refreshList(signal)]);
    }

    private async refreshSummary(signal: AbortSignal): Promise<void> {
        const summary = (await this.context.clients.status.getSummary(CHART_MINUTES, signal)).response;
        this.drawCounts(summary);
        this.drawChart(summary);
    }

    private drawCounts(summary: OrchestrationSummaryDto): void {
        replaceChildren(this.counts, ...PROCESS_STATUSES.map((status) => {
            const count = summary.process_counts[status];
            return h("li", { class: count === 0 ? "count count-zero" : "count" },
                h("a", { href: `#/?status=${status}`, class: statusClass(status), "data-status": status },
                    h("span", { class: "count-label" }, status),
                    h("span", { class: "count-value" }, count)));
        }));
        this.total.textContent = `${summary.total} orchestrations in total.`;
    }

    private drawChart(summary: OrchestrationSummaryDto): void {
        const minutes = summary.finished_per_minute;
        const labels = minutes.map((m) => new Date(m.minute).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" }));
        const series = [
            { label: "SAVED", data: minutes.map((m) => m.saved), backgroundColor: "#1a7f37" },
            { label: "FAILED", data: minutes.map((m) => m.failed), backgroundColor: "#cf222e" },
            { label: "CANCELLED", data: minutes.map((m) => m.cancelled), backgroundColor: "#6e7781" },
        ];
        const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
        const caption = `In the last ${minutes.length} minutes: ${series.map((s) => `${sum(s.data)} ${s.label}`).join(", ")}.`;
        this.chartCaption.textContent = caption;
        this.canvas.setAttribute("aria-label", `Items finished per minute. ${caption}`);
        if (this.chart === null) {
            this.chart = new Chart(this.canvas, {
                type: "bar",
                data: { labels, datasets: series },
                options: {
                    animation: false,
                    responsive: true,
                    maintainAspectRatio: false,
                    scales: { x: { stacked: true, ticks: { maxTicksLimit: 12 } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
                    plugins: { legend: { position: "bottom" } },
                },
            });
        } else {
            this.chart.data.labels = labels;
            series.forEach((s, i) => {
                const dataset = this.chart?.data.datasets[i];
                if (dataset) dataset.data = s.data;
            });
            this.chart.update("none");
        }
    }

    private async refreshList(signal: AbortSignal): Promise<void> {
        const cursor = this.cursors[this.pageIndex];
        const page = await this.context.clients.status.getAll(this.pageSize, cursor ?? null,
            this.statuses.length > 0 ? this.statuses : null, localToIso(this.createdAfter) ?? null, localToIso(this.createdBefore) ?? null, signal);
        const orchestrations = Object.values(page.response.orchestration_processes);
        this.nextCursor = page.response.next_cursor;
        replaceChildren(this.rows, ...(orchestrations.length === 0
            ? [h("tr", {}, h("td", { colspan: 5, class: "muted" }, "No orchestrations match."))]
            : orchestrations.map((o) => this.row(o))));
        this.newer.disabled = this.pageIndex === 0;
        this.older.disabled = this.nextCursor === null;
        this.pageInfo.textContent = `Page ${this.pageIndex + 1}`;
    }

    private row(orchestration: OrchestrationStatusDto): HTMLTableRowElement {
        const saved = orchestration.items.filter((item) => item.status === "SAVED").length;
        return h("tr", { "data-orchestration-id": orchestration.orchestration_id },
            h("td", {}, h("a", { href: `#/orchestrations/${encodeURIComponent(orchestration.orchestration_id)}`, class: "mono" }, orchestration.orchestration_id)),
            h("td", {}, h("span", { class: statusClass(orchestration.process_status) }, orchestration.process_status)),
            h("td", {}, `${saved} / ${orchestration.items.length}`),
            h("td", {}, time(orchestration.created_at)),
            h("td", {}, time(orchestration.updated_at)));
    }

    dispose(): void {
        this.chart?.destroy();
        this.chart = null;
    }
}
