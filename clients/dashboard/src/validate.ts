// Checks an orchestration request typed into the submit form before it is sent, with the service's own rules and
// messages (DataOrchestrator.Application/Orchestrations/Submit/*Validator.cs), keyed by field as the service's error
// envelope keys them ("data[0].contractId"). The service checks again: limits that depend on its settings
// (MAX_ITEMS_PER_REQUEST, MAX_STRING_LENGTH, allowed hosts, CALLBACK_SECRET) are left to it.
import type { OrchestrateRequest } from "../../typescript/src/index.js";

export type Problems = Record<string, string[]>;

export type Checked = { request: OrchestrateRequest; problems: null } | { request: null; problems: Problems };

const MISSING = "Missing data for required field.";
const BLANK = "Field may not be blank.";
const NOT_TEXT = "Not a valid string.";
const NOT_HTTP_URL = "Not a valid URL: an absolute http or https URL is required.";
const TYPES = ["edc-asset", "edc-offer", "edc-catalog"];

const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);

function isHttpUrl(value: string): boolean {
    try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && url.host !== "";
    } catch {
        return false;
    }
}

/** Parses `text` and checks it; answers the request, or the problems by field. */
export function checkRequest(text: string): Checked {
    let body: unknown;
    try {
        body = JSON.parse(text);
    } catch (error) {
        return { request: null, problems: { json: [`Not valid JSON: ${(error as Error).message}`] } };
    }
    const problems: Problems = {};
    const add = (field: string, message: string): void => {
        (problems[field] ??= []).push(message);
    };
    if (!isObject(body)) {
        add("json", "The request must be a JSON object with \"data\" and \"connectorAddress\".");
        return { request: null, problems };
    }

    const text_ = (field: string, value: unknown, required: boolean): string | undefined => {
        if (value === undefined || value === null) {
            if (required) add(field, MISSING);
            return undefined;
        }
        if (typeof value !== "string") {
            add(field, NOT_TEXT);
            return undefined;
        }
        if (value.trim() === "") add(field, BLANK);
        return value;
    };
    const url = (field: string, value: unknown, required: boolean): void => {
        const checked = text_(field, value, required);
        if (checked !== undefined && checked.trim() !== "" && !isHttpUrl(checked)) add(field, NOT_HTTP_URL);
    };

    url("connectorAddress", body.connectorAddress, true);
    url("callbackUrl", body.callbackUrl, false);

    const data = body.data;
    if (data === undefined || data === null) add("data", MISSING);
    else if (!Array.isArray(data)) add("data", "Not a valid list.");
    else if (data.length === 0) add("data", "Must contain at least one item.");
    else {
        data.forEach((item: unknown, index: number) => {
            const at = (field: string): string => `data[${index}].${field}`;
            if (!isObject(item)) {
                add(`data[${index}]`, "Field may not be null.");
                return;
            }
            const type = item.type ?? "edc-asset";
            if (typeof type !== "string" || !TYPES.includes(type)) {
                add(at("type"), `Must be one of: ${TYPES.join(", ")}.`);
                return;
            }
            url(at("counterPartyAddress"), item.counterPartyAddress, true);
            text_(at("connectorId"), item.connectorId, false);
            text_(at("protocol"), item.protocol, false);
            text_(at("path"), item.path, false);
            if (item.query !== undefined && item.query !== null
                && (!isObject(item.query) || Object.values(item.query).some((value) => typeof value !== "string"))) {
                add(at("query"), "Must be an object of string values.");
            }
            if (item.policy !== undefined && item.policy !== null && !isObject(item.policy)) add(at("policy"), "Must be a JSON object.");
            if (type === "edc-asset") {
                text_(at("contractId"), item.contractId, true);
                if (["offerId", "assetId", "counterPartyId", "policy", "reuseAgreement"].some((field) => item[field] !== undefined && item[field] !== null)) {
                    add(at("type"), "Offer fields (offerId, assetId, counterPartyId, policy, reuseAgreement) need \"type\": \"edc-offer\" or \"edc-catalog\".");
                }
            } else {
                if (item.contractId !== undefined && item.contractId !== null) {
                    add(at("contractId"), `Not allowed for an ${type}: the contract agreement comes from the service.`);
                }
                text_(at("counterPartyId"), item.counterPartyId, true);
                text_(at("assetId"), item.assetId, true);
                if (type === "edc-offer") text_(at("offerId"), item.offerId, true);
                else if (item.offerId !== undefined && item.offerId !== null) {
                    add(at("offerId"), "Not allowed for an edc-catalog: the service chooses the offer from the catalog (use edc-offer to name one).");
                }
                if (item.reuseAgreement !== undefined && item.reuseAgreement !== null && (type === "edc-offer" || typeof item.reuseAgreement !== "boolean")) {
                    add(at("reuseAgreement"), type === "edc-offer" ? "Only for an edc-catalog." : "Must be true or false.");
                }
            }
        });
    }
    return Object.keys(problems).length === 0
        ? { request: body as unknown as OrchestrateRequest, problems: null }
        : { request: null, problems };
}
