/**
 * The encryption-context builder's pure pieces, shared by the language server (which validates
 * and places) and the client command (which reads the preset catalogue).
 */
export * from "./types";
export * from "./presets";
export { validateContext, type SensitiveDetector, type ValidateOptions } from "./validate";
export * from "./render-code";
export * from "./render-policy";
export * from "./render-grant";
export * from "./render-cli";
export { placeContext, type DocumentTarget, type PlacementInput } from "./place";
export type { PlacementResult } from "./place-code";
export type { OffsetEdit } from "./text-edit";
