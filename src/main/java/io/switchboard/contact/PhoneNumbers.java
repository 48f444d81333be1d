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
     * number without a leading "+" is read as international.
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

    /** The wa_id form Meta expects in "to": digits only, no "+". */
    public static String toWaId(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }
}
