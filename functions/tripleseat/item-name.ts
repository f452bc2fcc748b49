/** Collapses runs of whitespace (including &nbsp; as decoded, U+00A0) and trims. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * TripleSeat shows an item as "MAPLE BAR - Maple frosted raised bar": the product name is the text
 * before the first " - " (docs/vendors/tripleseat.md, "Invoice page" and "Line items").
 */
export function itemNameOf(text: string): string {
  const normalised = normaliseText(text);
  const cut = normalised.indexOf(' - ');
  return (cut === -1 ? normalised : normalised.slice(0, cut)).trim();
}
