/**
 * Collects one UpdateItem's clauses. Every attribute goes through `#name` (`status` is a DynamoDB
 * reserved word), and only names and values actually used are declared: DynamoDB rejects unused ones.
 */
export class UpdateBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  /** Raw `path = :value` clauses, for nested paths (`#map.#key`) whose names the caller declares. */
  readonly sets: string[] = [];
  readonly #removes: string[] = [];
  readonly #adds: string[] = [];

  name(attribute: string): string {
    this.names[`#${attribute}`] = attribute;
    return `#${attribute}`;
  }

  value(key: string, value: unknown): string {
    this.values[`:${key}`] = value;
    return `:${key}`;
  }

  set(attribute: string, expression: string): this {
    this.sets.push(`${this.name(attribute)} = ${expression}`);
    return this;
  }

  setValue(attribute: string, value: unknown): this {
    return this.set(attribute, this.value(attribute, value));
  }

  /** `ADD #attribute :value`: a number added, or a set's elements added (idempotent for a set). */
  add(attribute: string, value: unknown): this {
    this.#adds.push(`${this.name(attribute)} ${this.value(attribute, value)}`);
    return this;
  }

  remove(attribute: string): this {
    this.#removes.push(this.name(attribute));
    return this;
  }

  expression(): string {
    const clauses = [];
    if (this.sets.length > 0) clauses.push(`SET ${this.sets.join(', ')}`);
    if (this.#removes.length > 0) clauses.push(`REMOVE ${this.#removes.join(', ')}`);
    if (this.#adds.length > 0) clauses.push(`ADD ${this.#adds.join(', ')}`);
    return clauses.join(' ');
  }
}
