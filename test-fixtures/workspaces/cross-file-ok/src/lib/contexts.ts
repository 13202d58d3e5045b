/** The context orders are encrypted with. */
export const ORDER_CONTEXT = { purpose: "order", app: "shop" };

interface Customer {
  id: string;
  email: string;
}

/** Builds the context of a customer's profile. */
export function profileContext(customer: Customer) {
  return { purpose: "profile", customer: customer.id };
}

/** The context of avatars. */
export const AVATAR_CONTEXT = { purpose: "avatar" };
