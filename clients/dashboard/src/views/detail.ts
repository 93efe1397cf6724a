// One orchestration (GET /status/{id}): its items with step, attempts, timings, bytes and progress, errors with EDC's
// own error array and the errors of earlier rounds, a download per saved file (GET /status/{id}/files/{transfer_id}),
// and the cancel and retry actions (POST /orchestrate/{id}/cancel, POST /orchestrate/{id}/retry).
import type { ItemErrorDto, OrchestrationItemDto, OrchestrationStatusDto } from "../../../typescript/src/index.js";
import { h, replaceChildren } from "../dom.js";
import { bytes, duration, FINAL_PROCESS, isFinalItem, statusClass, time } from "../format.js";
import { describeError } from "../session.js";
import type { Context, View } from "../view.js";

const RETRYABLE = new Set(["FAILED", "CANCELLED"]);

function errorBlock(error: ItemErrorDto): HTMLElement {
    return h("div", { class: "error" },
        h("span", { class: "error-code mono" }, error.code), " ", h("span", {}, error.message),
        error.edc_errors.length > 0 && h("details", {},
            h("summary", {}, `EDC errors (${error.edc_errors.length})`),
            h("ul", {}, ...error.edc_errors.map((e) => h("li", {},
                [e.type, e.message, e.path && `at ${e.path}`, e.invalidValue && `value ${e.invalidValue}`].filter(Boolean).join(" · "))))));
}

export class DetailView implements View {
    readonly title: string;
    /** Refreshed until the service says there is no such orchestration (never created, or removed by retention). */
    live = true;
    readonly element: HTMLElement;

    private readonly heading: HTMLElement;
    private readonly summary = h("dl", { class: "facts" });
    private readonly rows = h("tbody");
    private readonly cancel = h("button", { type: "button", class: "danger", onclick: () => void this.act("cancel") }, "Cancel orchestration");
    private readonly retry = h("button", { type: "button", onclick: () => void this.act("retry") }, "Retry failed items");
    private orchestration: OrchestrationStatusDto | null = null;
    private signal: AbortSignal = new AbortController().signal;
    private busy = false;
    private drawn = "";

    constructor(private readonly context: Context, private readonly id: string) {
        this.title = `Orchestration ${id}`;
        this.heading = h("h1", {}, "Orchestration ", h("span", { class: "mono" }, id));
        this.cancel.disabled = true;
        this.retry.disabled = true;
        this.element = h("div", { class: "detail" },
            h("p", {}, h("a", { href: "#/" }, "← All orchestrations")),
            this.heading,
            this.summary,
            h("div", { class: "actions" }, this.cancel, this.retry),
            h("section", { "aria-labelledby": "items-title" },
                h("h2", { id: "items-title" }, "Items"),
                h("div", { class: "table-scroll" },
                    h("table", { class: "items", "aria-labelledby": "items-title" },
                        h("thead", {}, h("tr", {},
                            ...["#", "Item", "Status", "Attempts", "Started", "Finished", "Took", "Data", "Error"].map((title) => h("th", { scope: "col" }, title)),
                            h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
                        this.rows))));
    }

    async refresh(signal: AbortSignal): Promise<void> {
        this.signal = signal;
        let page;
        try {
            page = await this.context.clients.status.get(this.id, signal);
        } catch (error) {
            const status = (error as { status?: unknown }).status;
            if (status !== 404 && status !== 400) throw error;
            this.live = false;
            replaceChildren(this.element, h("p", {}, h("a", { href: "#/" }, "← All orchestrations")),
                h("h1", {}, "No such orchestration"),
                h("p", { role: "alert" }, `The service has no orchestration ${this.id}: ${describeError(error)}`));
            return;
        }
        const orchestration = page.response.orchestration_processes[this.id];
        if (!orchestration) throw new Error(`The service did not return orchestration ${this.id}.`);
        this.draw(orchestration);
    }

    private draw(o: OrchestrationStatusDto): void {
        // Unchanged (a finished orchestration, an item waiting): keep the page as it is, with any open details.
        const drawn = JSON.stringify(o) + String(this.busy);
        if (drawn === this.drawn) return;
        this.drawn = drawn;
        this.orchestration = o;
        const final = FINAL_PROCESS.has(o.process_status);
        const fact = (term: string, value: Node | string): HTMLElement[] => [h("dt", {}, term), h("dd", {}, value)];
        replaceChildren(this.summary,
            ...fact("Status", h("span", { class: statusClass(o.process_status), id: "process-status" }, o.process_status)),
            ...fact("Created", time(o.created_at)),
            ...fact("Updated", time(o.updated_at)),
            ...fact("Connector", o.properties["connector_address"] ?? "–"),
            ...fact("Callback", o.callback ? `${o.callback.state}, ${o.callback.attempts} attempt(s)${o.callback.last_error ? ` — ${o.callback.last_error}` : ""}` : "none"));
        this.cancel.disabled = this.busy || final;
        this.retry.disabled = this.busy || !final || !o.items.some((item) => RETRYABLE.has(item.status));
        replaceChildren(this.rows, ...o.items.map((item) => this.row(o, item, final)));
    }

    private row(o: OrchestrationStatusDto, item: OrchestrationItemDto, final: boolean): HTMLTableRowElement {
        const what = item.asset_id ? `asset ${item.asset_id}` : `contract ${item.contract_id ?? "–"}`;
        const progress = item.status === "DOWNLOADING" && item.bytes_total
            ? h("progress", { max: item.bytes_total, value: item.bytes_downloaded ?? 0, "aria-label": `Item ${item.index} download` })
            : null;
        const data = item.status === "SAVED"
            ? bytes(item.bytes)
            : item.bytes_downloaded !== null ? `${bytes(item.bytes_downloaded)}${item.bytes_total ? ` of ${bytes(item.bytes_total)}` : ""}` : "–";
        const previous = item.previous_errors.length > 0 && h("details", { class: "previous" },
            h("summary", {}, `Earlier errors (${item.previous_errors.length})`),
            h("ol", {}, ...item.previous_errors.map((e) => h("li", {}, errorBlock(e)))));
        const actions: HTMLElement[] = [];
        if (item.status === "SAVED" && item.transfer_id) {
            const transferId = item.transfer_id;
            actions.push(h("button", { type: "button", class: "secondary", onclick: () => void this.download(o.orchestration_id, transferId),
                "aria-label": `Download the file of item ${item.index}` }, "Download"));
        }
        if (final && RETRYABLE.has(item.status)) {
            actions.push(h("button", { type: "button", class: "secondary", onclick: () => void this.act("retry", [item.index]),
                "aria-label": `Retry item ${item.index}` }, "Retry"));
        }
        return h("tr", { "data-index": item.index, "data-status": item.status },
            h("td", {}, item.index),
            h("td", {}, h("div", {}, item.type), h("div", { class: "muted" }, what),
                item.transfer_id && h("div", { class: "muted mono" }, `transfer ${item.transfer_id}`)),
            h("td", {}, h("span", { class: statusClass(item.status) }, item.status),
                item.next_attempt_at && h("div", { class: "muted" }, `next attempt ${time(item.next_attempt_at)}`)),
            h("td", {}, item.attempts),
            h("td", {}, time(item.started_at)),
            h("td", {}, time(item.finished_at)),
            h("td", { class: "nowrap" }, isFinalItem(item.status) || item.started_at ? duration(item.started_at, item.finished_at) : "–"),
            h("td", { class: "nowrap" }, data, progress),
            h("td", {}, item.error ? errorBlock(item.error) : "–", previous),
            h("td", { class: "row-actions" }, ...actions));
    }

    private async act(action: "cancel" | "retry", indexes?: number[]): Promise<void> {
        if (this.busy) return;
        this.busy = true;
        this.cancel.disabled = this.retry.disabled = true;
        try {
            const answer = action === "cancel"
                ? await this.context.clients.orchestrate.cancel(this.id, this.signal)
                : await this.context.clients.orchestrate.retry(this.id, indexes ? { items: indexes } : undefined, this.signal);
            this.context.notify(action === "cancel" ? "Cancel requested." : `Retry queued${indexes ? ` for item ${indexes.join(", ")}` : ""}.`);
            const orchestration = answer.response.orchestration_processes[this.id];
            this.busy = false;
            if (orchestration) this.draw(orchestration);
        } catch (error) {
            this.busy = false;
            if (this.orchestration) this.draw(this.orchestration);
            if (!this.signal.aborted) this.context.notify(`${action === "cancel" ? "Cancel" : "Retry"} refused: ${describeError(error)}`, "error");
        }
    }

    private async download(orchestrationId: string, transferId: string): Promise<void> {
        try {
            const file = await this.context.clients.status.getFile(orchestrationId, transferId, this.signal);
            const url = URL.createObjectURL(file.data);
            const link = h("a", { href: url, download: file.fileName ?? transferId, class: "visually-hidden" });
            document.body.appendChild(link);
            link.click();
            link.remove();
            setTimeout(() => URL.revokeObjectURL(url), 60_000);
        } catch (error) {
            if (!this.signal.aborted) this.context.notify(`Download failed: ${describeError(error)}`, "error");
        }
    }
}
