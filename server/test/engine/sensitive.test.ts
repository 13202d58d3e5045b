import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  checkSensitiveKeyName,
  checkSensitivePath,
  checkSensitiveValue,
  maskSensitive,
  passesLuhn,
  splitWords,
} from "../../src/engine/sensitive";

const describeKey = (name: string, extra?: string[]) =>
  checkSensitiveKeyName(name, extra)?.description;

describe("sensitive key names", () => {
  it("splits names into words", () => {
    assert.deepEqual(splitWords("userEmailAddress"), ["user", "email", "address"]);
    assert.deepEqual(splitWords("APIKey"), ["api", "key"]);
    assert.deepEqual(splitWords("aws:s3:arn"), ["aws", "s3", "arn"]);
    assert.deepEqual(splitWords("date_of-birth"), ["date", "of", "birth"]);
  });

  it("flags personal data and credentials", () => {
    const flagged: [string, string][] = [
      ["email", "an email address"],
      ["customerEmail", "an email address"],
      ["password", "a password"],
      ["db_passwd", "a password"],
      ["passphrase", "a passphrase"],
      ["clientSecret", "a secret"],
      ["secretAccessKey", "a secret"],
      ["accessToken", "a token"],
      ["SSN", "a social security number"],
      ["dob", "a date of birth"],
      ["dateOfBirth", "a date of birth"],
      ["birthDate", "a date of birth"],
      ["phoneNumber", "a phone number"],
      ["creditCard", "a card number"],
      ["card_number", "a card number"],
      ["IBAN", "a bank account number"],
      ["apiKey", "an API key"],
      ["api-key", "an API key"],
      ["privateKey", "a private key"],
      ["fullName", "a personal name"],
      ["lastName", "a personal name"],
      ["homeAddress", "a postal address"],
    ];
    assert.deepEqual(
      flagged.map(([name]) => [name, describeKey(name)]),
      flagged,
    );
  });

  it("leaves ids, ARNs, labels and metadata alone", () => {
    const harmless = [
      "tenantId",
      "purpose",
      "secretName",
      "secretArn",
      "SecretARN",
      "secretId",
      "SecretVersionId",
      "emailVerified",
      "tokenType",
      "apiKeyId",
      "userName",
      "ipAddress",
      "aws:s3:arn",
      "aws:logs:arn",
      "PARAMETER_ARN",
      "tokenizer",
      "address_id",
      "LambdaFunctionName",
    ];
    assert.deepEqual(
      harmless.filter((name) => describeKey(name) !== undefined),
      [],
    );
  });

  it("matches configured names as words, exempting only id and ARN suffixes", () => {
    assert.equal(describeKey("patientName", ["patient"]), "a configured sensitive name (patient)");
    assert.equal(describeKey("patient_ref", ["Patient"]), "a configured sensitive name (Patient)");
    assert.equal(describeKey("patientId", ["patient"]), undefined);
    assert.equal(describeKey("outpatient", ["patient"]), undefined);
  });

  it("checks the last segment of a property path", () => {
    assert.equal(checkSensitivePath("user.email")?.description, "an email address");
    assert.equal(checkSensitivePath("this.props.customer.phone")?.description, "a phone number");
    assert.equal(checkSensitivePath("user.id"), undefined);
    assert.equal(checkSensitivePath("email.domain"), undefined);
  });

  it("stays fast on a huge name", () => {
    const started = Date.now();
    checkSensitiveKeyName("A".repeat(200_000));
    checkSensitiveKeyName("token".repeat(40_000));
    assert.ok(Date.now() - started < 500);
  });
});

describe("sensitive literal values", () => {
  it("recognises the value shapes", () => {
    const flagged: [string, string][] = [
      ["alice@example.com", "an email address"],
      ["owner:bob.smith+kms@mail.example.co.uk", "an email address"],
      ["078-05-1120", "a social security number"],
      ["4111 1111 1111 1111", "a card number"],
      ["5500-0000-0000-0004", "a card number"],
      ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", "a JSON Web Token"],
      ["AKIAIOSFODNN7EXAMPLE", "an AWS access key id"],
      ["-----BEGIN PRIVATE KEY-----", "a PEM key or certificate"],
      ["GB82 WEST 1234 5698 7654 32", "a bank account number (IBAN)"],
      ["+14155552671", "a phone number"],
    ];
    assert.deepEqual(
      flagged.map(([value]) => [value, checkSensitiveValue(value)?.description]),
      flagged,
    );
  });

  it("leaves ARNs, ids, account numbers and timestamps alone", () => {
    const harmless = [
      "arn:aws:iam::111122223333:user/alice@example.com",
      "111122223333",
      "1700000000000",
      "4111 1111 1111 1112",
      "t-42",
      "invoice-pdf",
      "550e8400-e29b-41d4-a716-446655440000",
      "${aws:username}",
      "vol-0123456789abcdef0",
    ];
    assert.deepEqual(
      harmless.filter((value) => checkSensitiveValue(value) !== undefined),
      [],
    );
  });

  it("checks Luhn", () => {
    assert.equal(passesLuhn("4111111111111111"), true);
    assert.equal(passesLuhn("4111111111111112"), false);
    assert.equal(passesLuhn("41x1"), false);
  });

  it("stays linear on long runs without a match", () => {
    const started = Date.now();
    checkSensitiveValue("a".repeat(1_000_000));
    checkSensitiveValue("1".repeat(1_000_000));
    assert.ok(Date.now() - started < 500);
  });
});

describe("maskSensitive", () => {
  it("never shows the value in full", () => {
    assert.equal(maskSensitive("jane.doe@example.com"), "j***@example.com");
    assert.equal(maskSensitive("4111 1111 1111 1111"), "****1111");
    assert.equal(maskSensitive("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"), "eyJ***");
    assert.equal(maskSensitive("AKIAIOSFODNN7EXAMPLE"), "AKIA***");
    assert.equal(maskSensitive("078-05-1120"), "***-**-****");
    assert.equal(maskSensitive("-----BEGIN RSA PRIVATE KEY-----\nMIIE"), "-----BEGIN ***");
    assert.equal(maskSensitive("hunter2"), "hu***");
    assert.equal(maskSensitive("abc"), "***");
  });
});
