import { describe, expect, it } from 'vitest';
import { buildOrderPlan } from '#functions/core/order/order-plan';
import { orderItemBody } from '#functions/revel/order-bodies';
import { orderPlanInput } from '../../support/builders';

const namedLine = (itemNameFields?: ('product_name_override' | 'special_request')[]) => {
  const plan = buildOrderPlan(orderPlanInput({ itemNameFields }));
  const [plain, named] = plan.lines.map((line, i) => orderItemBody(plan, 42, line, i));
  return { plain, named };
};

describe('orderItemBody, the item name on the ticket', () => {
  it("sends TripleSeat's name as product_name_override by default, and no name for a line named as its product", () => {
    const { plain, named } = namedLine();
    expect(named).toMatchObject({ product_name_override: 'Chef Tasting' });
    expect(named).not.toHaveProperty('special_request');
    expect(plain).not.toHaveProperty('product_name_override');
    expect(plain).not.toHaveProperty('special_request');
  });

  it('sends it as special_request instead when revel.itemNameField says so', () => {
    const { named } = namedLine(['special_request']);
    expect(named).toMatchObject({ special_request: 'Chef Tasting' });
    expect(named).not.toHaveProperty('product_name_override');
  });

  it("sends it in both fields for the doctor's test order", () => {
    const { named } = namedLine(['product_name_override', 'special_request']);
    expect(named).toMatchObject({ product_name_override: 'Chef Tasting', special_request: 'Chef Tasting' });
  });
});
