/**
 * Recognises data that must not go into an encryption context. The context is logged in
 * plaintext (CloudTrail `requestParameters.encryptionContext`, grant constraints), so personal
 * data, credentials and secrets there leak to everyone who can read the logs.
 *
 * Three checks share one vocabulary: context key names (`email`, `apiKey`), literal values (an
 * email address, a JWT, a card number) and identifiers or property paths that flow into a value
 * (`user.email`). Identifiers, ARNs and tenant or purpose labels are what a context should hold,
 * so names ending in `Id`, `Arn`, `Name` (except personal names), `Type`... are never flagged.
 */

/** Why a key, value or identifier looks sensitive. */
export interface SensitiveMatch {
  /** A short noun phrase for messages, e.g. `an email address`. */
  description: string;
}

/**
 * Sensitive terms as lower-case word sequences joined without separators. A term matches a name
 * when it starts and ends on word boundaries of that name, so `token` matches `accessToken` but
 * not `tokenizer`.
 */
const SENSITIVE_TERMS: ReadonlyMap<string, string> = new Map([
  ["email", "an email address"],
  ["emails", "an email address"],
  ["emailaddress", "an email address"],
  ["password", "a password"],
  ["passwords", "a password"],
  ["passwd", "a password"],
  ["pwd", "a password"],
  ["passphrase", "a passphrase"],
  ["secret", "a secret"],
  ["secrets", "a secret"],
  ["secretkey", "a secret"],
  ["token", "a token"],
  ["tokens", "a token"],
  ["jwt", "a token"],
  ["bearer", "a token"],
  ["ssn", "a social security number"],
  ["socialsecurity", "a social security number"],
  ["socialsecuritynumber", "a social security number"],
  ["dob", "a date of birth"],
  ["dateofbirth", "a date of birth"],
  ["birthdate", "a date of birth"],
  ["birthday", "a date of birth"],
  ["phone", "a phone number"],
  ["phonenumber", "a phone number"],
  ["telephone", "a phone number"],
  ["mobilenumber", "a phone number"],
  ["creditcard", "a card number"],
  ["cardnumber", "a card number"],
  ["ccnumber", "a card number"],
  ["cvv", "a card security code"],
  ["cvc", "a card security code"],
  ["iban", "a bank account number"],
  ["bankaccount", "a bank account number"],
  ["accountnumber", "a bank account number"],
  ["apikey", "an API key"],
  ["privatekey", "a private key"],
  ["credential", "a credential"],
  ["credentials", "a credential"],
  ["cookie", "a cookie"],
  ["otp", "a one-time password"],
  ["fullname", "a personal name"],
  ["firstname", "a personal name"],
  ["lastname", "a personal name"],
  ["givenname", "a personal name"],
  ["familyname", "a personal name"],
  ["middlename", "a personal name"],
  ["maidenname", "a personal name"],
  ["surname", "a personal name"],
  ["address", "a postal address"],
  ["addresses", "a postal address"],
]);

/**
 * A name whose last word is one of these describes or points to the data rather than holding it
 * (`secretName`, `SecretARN`, `emailVerified`, `tokenType`), unless the sensitive term itself
 * ends the name.
 */
const METADATA_SUFFIXES = new Set([
  "id",
  "ids",
  "arn",
  "arns",
  "uuid",
  "guid",
  "name",
  "names",
  "type",
  "kind",
  "version",
  "count",
  "length",
  "status",
  "policy",
  "verified",
  "enabled",
  "required",
  "expiry",
  "expires",
  "ttl",
  "field",
  "label",
  "format",
  "prefix",
  "region",
  "provider",
]);

/** Suffixes that make any name a reference, even a configured one. */
const ID_SUFFIXES = new Set(["id", "ids", "arn", "arns", "uuid", "guid"]);

/** Words that turn `address` into something that is not a postal address. */
const NON_POSTAL_ADDRESS_PREFIXES = new Set(["ip", "mac", "remote", "local", "wallet", "contract"]);

/**
 * Splits `userEmailAddress`, `user_email`, `aws:s3:arn` or `APIKey` into lower-case words: a word
 * ends before an upper-case letter that follows a lower-case letter or digit (`userEmail`), or
 * that follows another capital and precedes a lower-case letter (`APIKey`). One pass over the
 * characters: key names come from the documents, and the regular expressions this replaces
 * backtracked quadratically on a long run of capitals (50,000 took seconds).
 */
export function splitWords(name: string): string[] {
  const words: string[] = [];
  let wordStart = -1;

  for (let index = 0; index <= name.length; index++) {
    const kind = index < name.length ? characterKind(name.charCodeAt(index)) : "other";
    if (kind === "other") {
      if (wordStart >= 0) {
        words.push(name.slice(wordStart, index).toLowerCase());
        wordStart = -1;
      }
      continue;
    }
    if (wordStart < 0) {
      wordStart = index;
      continue;
    }
    if (kind === "upper") {
      const previous = characterKind(name.charCodeAt(index - 1));
      const next = index + 1 < name.length ? characterKind(name.charCodeAt(index + 1)) : "other";
      if (
        previous === "lower" ||
        previous === "digit" ||
        (previous === "upper" && next === "lower")
      ) {
        words.push(name.slice(wordStart, index).toLowerCase());
        wordStart = index;
      }
    }
  }

  return words;
}

function characterKind(code: number): "upper" | "lower" | "digit" | "other" {
  if (code >= 65 && code <= 90) {
    return "upper";
  }
  if (code >= 97 && code <= 122) {
    return "lower";
  }
  if (code >= 48 && code <= 57) {
    return "digit";
  }
  return "other";
}

/**
 * Checks a context key name (or the last segment of a property path) against the built-in
 * vocabulary and the configured extra names. Returns undefined when it looks harmless.
 */
export function checkSensitiveKeyName(
  name: string,
  extraNames: readonly string[] = [],
): SensitiveMatch | undefined {
  const words = splitWords(name);
  if (words.length === 0) {
    return undefined;
  }

  const joined = words.join("");
  const boundaries = new Set<number>([0]);
  let length = 0;
  for (const word of words) {
    length += word.length;
    boundaries.add(length);
  }
  const lastWordStart = joined.length - words[words.length - 1].length;
  const lastWordIsMetadata = METADATA_SUFFIXES.has(words[words.length - 1]);

  const lastWordIsId = ID_SUFFIXES.has(words[words.length - 1]);
  const matchTerm = (term: string, configured = false): boolean => {
    for (let at = joined.indexOf(term); at >= 0; at = joined.indexOf(term, at + 1)) {
      const end = at + term.length;
      if (!boundaries.has(at) || !boundaries.has(end)) {
        continue;
      }
      // `secretName` describes a secret; `fullName` is one. Only a term that reaches into the
      // last word survives a metadata suffix.
      // Configured names are the user's own vocabulary: only an id or ARN suffix exempts them.
      const exempt = configured ? lastWordIsId : lastWordIsMetadata;
      if (exempt && end <= lastWordStart) {
        continue;
      }
      if (term.startsWith("address") && at > 0) {
        const previousWord = words[wordIndexEndingAt(words, at)];
        if (previousWord && NON_POSTAL_ADDRESS_PREFIXES.has(previousWord)) {
          continue;
        }
      }
      return true;
    }
    return false;
  };

  for (const extra of extraNames) {
    const term = splitWords(extra).join("");
    if (term.length > 0 && matchTerm(term, true)) {
      return { description: `a configured sensitive name (${extra})` };
    }
  }
  for (const [term, description] of SENSITIVE_TERMS) {
    if (matchTerm(term)) {
      return { description };
    }
  }
  return undefined;
}

function wordIndexEndingAt(words: string[], offset: number): number {
  let length = 0;
  for (let index = 0; index < words.length; index++) {
    length += words[index].length;
    if (length === offset) {
      return index;
    }
  }
  return -1;
}

/**
 * Checks the last segment of an identifier or property path that flows into a context value:
 * `user.email` and `customerPhone` are flagged, `user.id` and `tenantId` are not.
 */
export function checkSensitivePath(
  path: string,
  extraNames: readonly string[] = [],
): SensitiveMatch | undefined {
  const segments = path.split(".").filter((segment) => segment.length > 0);
  const last = segments[segments.length - 1];
  return last ? checkSensitiveKeyName(last, extraNames) : undefined;
}

// The look-behinds keep these linear: a match can only start where a run of its characters does.
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const SSN = /(?:^|[^\d-])\d{3}-\d{2}-\d{4}(?:$|[^\d-])/;
const CARD_CANDIDATE = /(?:^|[^\d])([2-6](?:[ -]?\d){12,18})(?:$|[^\d])/;
const JWT = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/;
const AWS_ACCESS_KEY_ID = /(?:^|[^A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?:$|[^A-Z0-9])/;
const PEM_HEADER = /-----BEGIN [A-Z0-9 ]+-----/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const MAX_CHECKED_LENGTH = 4096;
const E164_PHONE = /^\+[1-9]\d{7,14}$/;

/** Checks a literal string value. ARNs are never flagged: they name resources, not people. */
export function checkSensitiveValue(fullValue: string): SensitiveMatch | undefined {
  // Context values are short; a huge literal is checked by its head only, to bound the cost.
  const value =
    fullValue.length > MAX_CHECKED_LENGTH ? fullValue.slice(0, MAX_CHECKED_LENGTH) : fullValue;
  if (value.length < 4 || value.startsWith("arn:") || value.startsWith("${")) {
    return undefined;
  }
  if (PEM_HEADER.test(value)) {
    return { description: "a PEM key or certificate" };
  }
  if (JWT.test(value)) {
    return { description: "a JSON Web Token" };
  }
  if (AWS_ACCESS_KEY_ID.test(value)) {
    return { description: "an AWS access key id" };
  }
  if (EMAIL.test(value)) {
    return { description: "an email address" };
  }
  if (SSN.test(value)) {
    return { description: "a social security number" };
  }
  const card = CARD_CANDIDATE.exec(value);
  if (card && passesLuhn(card[1].replace(/[ -]/g, ""))) {
    return { description: "a card number" };
  }
  const compact = value.replace(/ /g, "");
  if (IBAN.test(compact) && passesIbanChecksum(compact)) {
    return { description: "a bank account number (IBAN)" };
  }
  if (E164_PHONE.test(compact)) {
    return { description: "a phone number" };
  }
  return undefined;
}

/** The Luhn checksum that every payment card number satisfies. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let digit = digits.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) {
      return false;
    }
    if (double) {
      digit *= 2;
      if (digit > 9) {
        digit -= 9;
      }
    }
    sum += digit;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function passesIbanChecksum(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : char;
    for (const digit of digits) {
      remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
    }
  }
  return remainder === 1;
}

/**
 * Masks a value so it can appear in a message or a log without disclosing it: `j***@example.com`
 * for an email, the last four digits of a card, `eyJ***` for a JWT, `AKIA***` for an access key.
 */
export function maskSensitive(fullValue: string): string {
  const value =
    fullValue.length > MAX_CHECKED_LENGTH ? fullValue.slice(0, MAX_CHECKED_LENGTH) : fullValue;
  const email = EMAIL.exec(value);
  if (email) {
    const [local, domain] = email[0].split("@");
    return `${local.charAt(0)}***@${domain}`;
  }
  if (PEM_HEADER.test(value)) {
    return "-----BEGIN ***";
  }
  if (JWT.test(value)) {
    return "eyJ***";
  }
  const accessKey = /(AKIA|ASIA)[A-Z0-9]{16}/.exec(value);
  if (accessKey) {
    return `${accessKey[1]}***`;
  }
  if (SSN.test(value)) {
    return "***-**-****";
  }
  const card = CARD_CANDIDATE.exec(value);
  if (card && passesLuhn(card[1].replace(/[ -]/g, ""))) {
    const digits = card[1].replace(/[ -]/g, "");
    return `****${digits.slice(-4)}`;
  }
  if (value.length <= 4) {
    return "***";
  }
  return `${value.slice(0, 2)}***`;
}
