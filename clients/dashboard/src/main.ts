// The dashboard's shell: the API key gate, the navigation, routing by location hash, and the live refresh of the
// page shown (every REFRESH_MS, one call at a time, stopped when the operator leaves the page).
import { h, replaceChildren } from "./dom.js";
import { clientsFor, describeError, forgetKey, isUnauthorized, storedKey, storeKey, type Clients } from "./session.js";
import type { Context, View } from "./view.js";
import { OverviewView } from "./views/overview.js";
import { DetailView } from "./views/detail.js";
import { SubmitView } from "./views/submit.js";

const REFRESH_MS = 2000;

const root = document.getElementById("app") as HTMLElement;
const nav = document.getElementById("nav") as HTMLElement;
const announcer = document.getElementById("announcer") as HTMLElement;

let current: { view: View; controller: AbortController; timer?: number } | null = null;

function notify(message: string, kind: "info" | "error" = "info"): void {
    announcer.textContent = message;
    announcer.className = kind === "error" ? "announcer announcer-error" : "announcer";
}

function leave(): void {
    if (!current) return;
    current.controller.abort();
    if (current.timer !== undefined) clearTimeout(current.timer);
    current.view.dispose?.();
    current = null;
}

function signOut(message?: string): void {
    forgetKey();
    leave();
    showLogin(message);
}

function showLogin(message?: string): void {
    replaceChildren(nav);
    const input = h("input", { id: "api-key", name: "api-key", type: "password", autocomplete: "off", required: true });
    const error = h("p", { id: "login-error", class: "form-error", role: "alert" }, message ?? "");
    const form = h("form", { class: "login", "aria-labelledby": "login-title" },
        h("h1", { id: "login-title" }, "DataOrchestrator dashboard"),
        h("p", {}, "Enter an API key of this service (API_KEYS). It is kept in this tab's session storage only."),
        h("label", { for: "api-key" }, "API key"),
        input,
        h("button", { type: "submit" }, "Use key"),
        error);
    form.addEventListener("submit", (event) => {
        event.preventDefault();
        const apiKey = input.value.trim();
        if (apiKey === "") {
            error.textContent = "Enter a key.";
            return;
        }
        // The key is checked with a cheap authenticated call before it is kept.
        clientsFor(apiKey).status.getAll(1).then(() => {
            storeKey(apiKey);
            route();
        }, (failure: unknown) => {
            error.textContent = isUnauthorized(failure) ? "The service refused this key." : `The service did not answer: ${describeError(failure)}`;
        });
    });
    replaceChildren(root, form);
    document.title = "Sign in · DataOrchestrator";
    input.focus();
}

function showNav(): void {
    const link = (hash: string, text: string): HTMLAnchorElement => {
        const here = hash === "#/" ? location.hash === "" || location.hash === "#/" || location.hash.startsWith("#/?") : location.hash.startsWith(hash);
        return h("a", { href: hash, "aria-current": here ? "page" : false }, text);
    };
    replaceChildren(nav,
        h("ul", {},
            h("li", {}, link("#/", "Overview")),
            h("li", {}, link("#/submit", "Submit"))),
        h("button", { type: "button", class: "secondary", onclick: () => signOut("Signed out: the key was removed from this tab.") }, "Forget key"));
}

function viewFor(hash: string, context: Context): View {
    const detail = /^#\/orchestrations\/([^/?]+)$/.exec(hash);
    if (detail?.[1]) return new DetailView(context, decodeURIComponent(detail[1]));
    if (hash === "#/submit") return new SubmitView(context);
    return new OverviewView(context, new URLSearchParams(hash.split("?")[1] ?? ""));
}

function route(): void {
    const apiKey = storedKey();
    if (apiKey === null) {
        leave();
        showLogin();
        return;
    }
    leave();
    const clients: Clients = clientsFor(apiKey);
    const context: Context = { clients, notify, navigate: (hash) => { location.hash = hash; } };
    const view = viewFor(location.hash, context);
    const controller = new AbortController();
    current = { view, controller };
    showNav();
    notify("");
    document.title = `${view.title} · DataOrchestrator`;
    replaceChildren(root, view.element);
    const mine = current;
    const tick = async (): Promise<void> => {
        try {
            await view.refresh(controller.signal);
        } catch (error) {
            if (controller.signal.aborted) return;
            if (isUnauthorized(error)) {
                signOut("The service no longer accepts this key: enter it again.");
                return;
            }
            notify(`Could not refresh: ${describeError(error)}`, "error");
        }
        if (view.live && current === mine && !controller.signal.aborted) {
            mine.timer = window.setTimeout(() => void tick(), REFRESH_MS);
        }
    };
    void tick();
}

window.addEventListener("hashchange", route);
route();
