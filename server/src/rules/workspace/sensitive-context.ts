import type { ResolvedValue } from "../../engine/workspace/resolved";

/**
 * Sensitive-looking context keys and values, for contexts built in helpers and wrappers that
 * single-file analysis cannot see. The word list follows the contract's KMS004 row.
 */

const SENSITIVE_WORDS = [
  "email",
  "emailaddress",
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "accesstoken",
  "refreshtoken",
  "ssn",
  "socialsecuritynumber",
  "dob",
  "dateofbirth",
  "birthdate",
  "birthday",
  "phone",
  "phonenumber",
  "mobile",
  "creditcard",
  "creditcardnumber",
  "cardnumber",
  "ccnumber",
  "iban",
  "apikey",
  "privatekey",
  "fullname",
  "firstname",
  "lastname",
  "address",
  "homeaddress",
  "streetaddress",
  "postaladdress",
];

/** Words that contain a sensitive word but name an identifier, not the secret itself. */
const SAFE_WORDS = new Set(["secretname", "secretarn", "secretid", "tokenid", "ipaddress"]);

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Whether a key or property name looks like personal or secret data. */
export function isSensitiveName(name: string, extraNames: readonly string[] = []): boolean {
  const word = normalise(name);
  if (word.length === 0 || SAFE_WORDS.has(word)) {
    return false;
  }
  return [...SENSITIVE_WORDS, ...extraNames.map(normalise)].includes(word);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const SSN = /^\d{3}-\d{2}-\d{4}$/;
const JWT = /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/;
const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) {
        digit -= 9;
      }
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** What kind of sensitive value a literal looks like, or undefined. */
export function sensitiveLiteralKind(value: string): string | undefined {
  if (EMAIL.test(value)) {
    return "an email address";
  }
  if (SSN.test(value)) {
    return "a social security number";
  }
  if (JWT.test(value)) {
    return "a JSON Web Token";
  }
  if (ACCESS_KEY_ID.test(value)) {
    return "an AWS access key id";
  }
  if (PEM.test(value)) {
    return "a private key";
  }
  const digits = value.replace(/[ -]/g, "");
  if (/^\d{13,19}$/.test(digits) && passesLuhn(digits)) {
    return "a card number";
  }
  return undefined;
}

/** Why a resolved value looks sensitive (`user.email` flows in), or undefined. */
export function sensitiveValueReason(
  value: ResolvedValue,
  extraNames: readonly string[] = [],
): string | undefined {
  if (value.kind === "string") {
    const kind = sensitiveLiteralKind(value.value);
    return kind ? `looks like ${kind}` : undefined;
  }
  const last = value.path?.split(".").pop();
  return last !== undefined && isSensitiveName(last, extraNames)
    ? `comes from \`${value.path}\``
    : undefined;
}
