// Submits an orchestration typed as JSON (POST /orchestrate), checked as it is typed with the service's rules
// (validate.ts) so that a request the service would refuse is not sent; the service's own refusal is shown too.
import { h, replaceChildren } from "../dom.js";
import { describeError } from "../session.js";
import { checkRequest } from "../validate.js";
import type { Context, View } from "../view.js";

const EXAMPLE = {
    data: [{
        type: "edc-asset",
        counterPartyAddress: "http://provider-qna-controlplane:8082/api/dsp",
        contractId: "2b9d3ab6-8325-4c0f-a1f9-56f0e103585e",
        connectorId: "did:web:provider-identityhub:7083:provider",
    }],
    connectorAddress: "http://consumer-controlplane:8081/consumer/cp",
};

export class SubmitView implements View {
    readonly title = "Submit an orchestration";
    readonly live = false;
    readonly element: HTMLElement;

    private readonly input = h("textarea", { id: "request", name: "request", rows: 18, spellcheck: "false", "aria-describedby": "request-help request-problems" });
    private readonly problems = h("ul", { id: "request-problems", class: "problems", "aria-live": "polite" });
    private readonly send = h("button", { type: "submit" }, "Submit");
    private signal: AbortSignal = new AbortController().signal;

    constructor(private readonly context: Context) {
        this.input.value = JSON.stringify(EXAMPLE, null, 2);
        this.input.addEventListener("input", () => this.check());
        const form = h("form", { class: "submit", "aria-labelledby": "submit-title" },
            h("h1", { id: "submit-title" }, "Submit an orchestration"),
            h("label", { for: "request" }, "Request body (JSON, as for POST /orchestrate)"),
            h("p", { id: "request-help", class: "muted" },
                "Items of type edc-asset (contractId), edc-offer (counterPartyId, offerId, assetId, policy) or edc-catalog (counterPartyId, assetId); connectorAddress is the consumer connector."),
            this.input,
            this.problems,
            h("div", { class: "actions" }, this.send));
        form.addEventListener("submit", (event) => {
            event.preventDefault();
            void this.submit();
        });
        this.element = form;
        this.check();
    }

    /** Shows the problems of the text as it stands; answers the request when there are none. */
    private check(): ReturnType<typeof checkRequest>["request"] {
        const checked = checkRequest(this.input.value);
        replaceChildren(this.problems, ...Object.entries(checked.problems ?? {}).flatMap(([field, messages]) =>
            messages.map((message) => h("li", {}, h("span", { class: "mono" }, field), ": ", message))));
        this.input.setAttribute("aria-invalid", checked.problems ? "true" : "false");
        this.send.disabled = checked.problems !== null;
        return checked.request;
    }

    private async submit(): Promise<void> {
        const request = this.check();
        if (request === null) return;
        this.send.disabled = true;
        try {
            const accepted = await this.context.clients.orchestrate.orchestrate(request, null, this.signal);
            this.context.navigate(`#/orchestrations/${encodeURIComponent(accepted.orchestration_id)}`);
        } catch (error) {
            this.send.disabled = false;
            this.context.notify(`The service refused the orchestration: ${describeError(error)}`, "error");
        }
    }

    async refresh(signal: AbortSignal): Promise<void> {
        this.signal = signal;
        return Promise.resolve();
    }
}
