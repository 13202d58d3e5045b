import { KMSClient } from "@aws-sdk/client-kms";

export const kms = new KMSClient({});

/** The key every order is encrypted under. */
export const ORDERS_KEY = "alias/orders";
