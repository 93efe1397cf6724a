import type { Clients } from "./session.js";

/** What a page of the dashboard needs from the shell. */
export interface Context {
    clients: Clients;
    /** Shows a message in the page's live region (read out by screen readers); kind "error" marks it as an error. */
    notify(message: string, kind?: "info" | "error"): void;
    /** Goes to a route of the dashboard, e.g. "#/orchestrations/…". */
    navigate(hash: string): void;
}

/** A page of the dashboard: its element, and a refresh the shell calls at once and then every few seconds. */
export interface View {
    readonly title: string;
    readonly element: HTMLElement;
    /** Fetches and redraws; `signal` aborts when the operator leaves the page. */
    refresh(signal: AbortSignal): Promise<void>;
    /** False for pages that need no (more) live refresh: the submit form, an orchestration that does not exist. */
    readonly live: boolean;
    dispose?(): void;
}
