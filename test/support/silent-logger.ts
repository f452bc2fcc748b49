import type { Logger } from '#functions/core/ports/logger';

/** A logger that drops every line, for tests and benchmarks whose logs nobody reads. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
