package io.switchboard.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.switchboard.common.ValidationException;

/** Phone numbers as E.164 ("+4915112345678"), the form WhatsApp uses and contacts.phone stores. */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * Normalises {@code raw} to E.164. WhatsApp sends wa_id without "+" ("4915112345678"), so a
     * number without a leading "+" is read as international. For what Meta sends; numbers people type go
     * through {@link #fromInput}.
     */
    public static String toE164(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException(field, "must not be empty");
        }
        String trimmed = raw.strip();
        String international = trimmed.startsWith("+") || trimmed.startsWith("00") ? trimmed : "+" + trimmed;
        try {
            PhoneNumber number = UTIL.parse(international.startsWith("00") ? "+" + international.substring(2) : international, "ZZ");
            if (!UTIL.isPossibleNumber(number)) {
                throw new ValidationException(field, "\"" + trimmed + "\" is not a possible phone number (use international form, e.g. +4915112345678)");
            }
            return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new ValidationException(field, "\"" + trimmed + "\" is not a phone number (use international form, e.g. +4915112345678)");
        }
    }

    /** A number a person typed, read as E.164, and whether the tenant's default country was needed to read it. */
    public record Typed(String e164, boolean byDefaultCountry) {
    }

    /**
     * Reads a number a person typed (command line, contact editor, CSV). International form ("+…", or
     * "00…") is read as such. Anything else is ambiguous — "5554440001" is a US number to one person and
     * a Brazilian one to the parser — so it is read in {@code defaultCountry} when the tenant has one, and
     * refused with the international-form hint when it has none.
     */
    public static Typed fromInput(String raw, String field, String defaultCountry) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException(field, "must not be empty");
        }
        String trimmed = raw.strip();
        if (trimmed.startsWith("+") || trimmed.startsWith("00")) {
            return new Typed(toE164(trimmed, field), false);
        }
        if (trimmed.chars().anyMatch(Character::isLetter) || trimmed.chars().noneMatch(Character::isDigit)) {
            throw new ValidationException(field, "\"" + trimmed + "\" is not a phone number (use international form, e.g. +4915112345678)");
        }
        if (defaultCountry == null) {
            throw new ValidationException(field, "\"" + trimmed + "\" has no country code: write it in international form with \"+\" and the country code"
                    + " (e.g. +4915112345678), or set the tenant's default country");
        }
        try {
            PhoneNumber number = UTIL.parse(trimmed, defaultCountry);
            if (!UTIL.isPossibleNumber(number)) {
                throw new ValidationException(field, "\"" + trimmed + "\" is not a possible phone number in " + defaultCountry
                        + " (the tenant's default country); use international form, e.g. +4915112345678");
            }
            return new Typed(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), true);
        } catch (NumberParseException e) {
            throw new ValidationException(field, "\"" + trimmed + "\" is not a phone number (use international form, e.g. +4915112345678)");
        }
    }

    /** A default country as stored: an ISO 3166-1 alpha-2 code phone numbers exist for, upper-cased; null for none. */
    public static String region(String field, String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String upper = code.strip().toUpperCase(java.util.Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(upper)) {
            throw new ValidationException(field, "\"" + code.strip() + "\" is not a country code phone numbers know (use ISO 3166-1 alpha-2, e.g. BR, DE, US)");
        }
        return upper;
    }

    /** The wa_id form Meta expects in "to": digits only, no "+". */
    public static String toWaId(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }
}
