// How values of the status entries are shown.

const FINAL_ITEM = new Set(["SAVED", "FAILED", "CANCELLED"]);
export const FINAL_PROCESS = new Set(["COMPLETED", "PARTIALLY_COMPLETED", "FAILED", "CANCELLED"]);

export const isFinalItem = (status: string): boolean => FINAL_ITEM.has(status);

/** 1536 → "1.5 KiB". */
export function bytes(value: number | null | undefined): string {
    if (value === null || value === undefined) return "–";
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let scaled = value;
    let unit = 0;
    while (scaled >= 1024 && unit < units.length - 1) {
        scaled /= 1024;
        unit++;
    }
    return unit === 0 ? `${value} B` : `${scaled.toFixed(1)} ${units[unit]}`;
}

/** A service timestamp as local date and time to the second; "–" when absent. */
export function time(value: string | null | undefined): string {
    if (!value) return "–";
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date.toLocaleString(undefined, { dateStyle: "short", timeStyle: "medium" });
}

/** The time from `start` to `end` (or now, while running), e.g. "1.2 s", "3 min 4 s". */
export function duration(start: string | null | undefined, end: string | null | undefined): string {
    if (!start) return "–";
    const milliseconds = (end ? new Date(end).getTime() : Date.now()) - new Date(start).getTime();
    if (!Number.isFinite(milliseconds) || milliseconds < 0) return "–";
    if (milliseconds < 10_000) return `${(milliseconds / 1000).toFixed(1)} s`;
    const seconds = Math.round(milliseconds / 1000);
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
    return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** A CSS class per status, so that colour is never the only signal (the text is always there too). */
export function statusClass(status: string): string {
    if (status === "SAVED" || status === "COMPLETED") return "status status-ok";
    if (status === "FAILED") return "status status-failed";
    if (status === "PARTIALLY_COMPLETED") return "status status-partial";
    if (status === "CANCELLED") return "status status-cancelled";
    return "status status-running";
}
