package io.switchboard.template;

import io.switchboard.common.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meta's limits for a template submission, checked before anything is sent: every problem names its field
 * (name, category, language, header.text, body, body.examples[2], footer, buttons[1].url…) and the rule.
 */
public final class TemplateRules {
    /** Meta allows 512; the guide's templates.name column holds 100. */
    public static final int NAME_MAX = 100;
    public static final int HEADER_MAX = 60;
    public static final int BODY_MAX = 1024;
    public static final int FOOTER_MAX = 60;
    public static final int BUTTONS_MAX = 10;
    public static final int BUTTON_TEXT_MAX = 25;
    public static final int URL_MAX = 2000;
    public static final int URL_BUTTONS_MAX = 2;
    public static final int PHONE_MAX = 20;
    public static final int COPY_CODE_MAX = 15;
    public static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");
    public static final List<String> HEADER_FORMATS = List.of("TEXT", "IMAGE", "VIDEO", "DOCUMENT");
    public static final List<String> BUTTON_TYPES = List.of("QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2,3})?");
    private static final Pattern ANY_BRACES = Pattern.compile("\\{\\{([^}]*)}}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,19}");

    /** A rule a draft breaks. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private TemplateRules() {
    }

    /** Throws the first problem as a ValidationException. */
    public static void check(TemplateDraft d) {
        List<Problem> problems = problems(d);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems.get(0).field(), problems.get(0).message());
        }
    }

    /** Every problem of the draft, in the order of the editor's fields; empty when Meta's limits are all kept. */
    public static List<Problem> problems(TemplateDraft d) {
        List<Problem> out = new ArrayList<>();
        String name = d.name() == null ? "" : d.name();
        if (name.isBlank()) {
            out.add(new Problem("name", "must not be empty"));
        } else if (!NAME.matcher(name).matches()) {
            out.add(new Problem("name", "may hold only lowercase letters, digits and underscores (e.g. order_update), not \"" + name + "\""));
        } else if (name.length() > NAME_MAX) {
            out.add(new Problem("name", "must be at most " + NAME_MAX + " characters (it has " + name.length() + ")"));
        }
        String category = d.category() == null ? "" : d.category().toUpperCase(Locale.ROOT);
        if (!CATEGORIES.contains(category)) {
            out.add(new Problem("category", "must be MARKETING, UTILITY or AUTHENTICATION"));
        }
        if (d.language() == null || !LANGUAGE.matcher(d.language()).matches()) {
            out.add(new Problem("language", "must be a language code such as en, en_US or pt_BR, not \"" + (d.language() == null ? "" : d.language()) + "\""));
        }
        header(d, out);
        body(d, out);
        if (d.footer() != null && !d.footer().isEmpty()) {
            if (d.footer().length() > FOOTER_MAX) {
                out.add(new Problem("footer", "must be at most " + FOOTER_MAX + " characters (it has " + d.footer().length() + ")"));
            }
            if (ANY_BRACES.matcher(d.footer()).find()) {
                out.add(new Problem("footer", "may not contain variables"));
            }
        }
        buttons(d, out);
        return out;
    }

    private static void header(TemplateDraft d, List<Problem> out) {
        if (d.headerFormat() == null || d.headerFormat().isBlank()) {
            return;
        }
        String format = d.headerFormat().toUpperCase(Locale.ROOT);
        if (!HEADER_FORMATS.contains(format)) {
            out.add(new Problem("header.format", "must be TEXT, IMAGE, VIDEO or DOCUMENT, not \"" + d.headerFormat() + "\""));
            return;
        }
        if (!format.equals("TEXT")) {
            if (d.headerExample() == null || d.headerExample().isBlank()) {
                out.add(new Problem("header.example", "a " + format.toLowerCase(Locale.ROOT) + " header needs a sample (media handle or https link) for Meta's review"));
            }
            return;
        }
        String text = d.headerText() == null ? "" : d.headerText();
        if (text.isBlank()) {
            out.add(new Problem("header.text", "must not be empty for a text header"));
            return;
        }
        if (text.length() > HEADER_MAX) {
            out.add(new Problem("header.text", "must be at most " + HEADER_MAX + " characters (it has " + text.length() + ")"));
        }
        if (text.contains("\n")) {
            out.add(new Problem("header.text", "may not contain line breaks"));
        }
        List<String> vars = variables(text);
        if (vars.size() > 1) {
            out.add(new Problem("header.text", "may hold at most one variable, {{1}} (it has " + vars.size() + ")"));
        } else if (vars.size() == 1 && !vars.get(0).equals("1")) {
            out.add(new Problem("header.text", "its variable must be {{1}}, not {{" + vars.get(0) + "}}"));
        } else if (vars.size() == 1 && (d.headerExample() == null || d.headerExample().isBlank())) {
            out.add(new Problem("header.example", "needs an example value for {{1}}"));
        }
    }

    private static void body(TemplateDraft d, List<Problem> out) {
        String body = d.body() == null ? "" : d.body();
        if (body.isBlank()) {
            out.add(new Problem("body", "must not be empty"));
            return;
        }
        if (body.length() > BODY_MAX) {
            out.add(new Problem("body", "must be at most " + BODY_MAX + " characters (it has " + body.length() + ")"));
        }
        List<String> vars = variables(body);
        List<Integer> numbers = new ArrayList<>();
        for (String v : vars) {
            if (!v.strip().matches("[0-9]{1,3}")) {
                out.add(new Problem("body", "{{" + v + "}} is not a variable: use {{1}}, {{2}}…"));
                return;
            }
            numbers.add(Integer.parseInt(v.strip()));
        }
        List<Integer> distinct = numbers.stream().distinct().sorted().toList();
        for (int i = 0; i < distinct.size(); i++) {
            if (distinct.get(i) != i + 1) {
                out.add(new Problem("body", "variables must be numbered from {{1}} without gaps: {{" + (i + 1) + "}} is missing"));
                return;
            }
        }
        String stripped = body.strip();
        if (!distinct.isEmpty() && (stripped.startsWith("{{") || stripped.endsWith("}}"))) {
            out.add(new Problem("body", "may not start or end with a variable (Meta rejects it)"));
        }
        if (d.bodyExamples().size() != distinct.size()) {
            out.add(new Problem("body.examples", "needs one example value per variable: " + distinct.size() + " expected, " + d.bodyExamples().size() + " given"));
        } else {
            for (int i = 0; i < d.bodyExamples().size(); i++) {
                if (d.bodyExamples().get(i) == null || d.bodyExamples().get(i).isBlank()) {
                    out.add(new Problem("body.examples[" + (i + 1) + "]", "the example value for {{" + (i + 1) + "}} must not be empty"));
                }
            }
        }
    }

    private static void buttons(TemplateDraft d, List<Problem> out) {
        List<TemplateDraft.Button> buttons = d.buttons();
        if (buttons.size() > BUTTONS_MAX) {
            out.add(new Problem("buttons", "at most " + BUTTONS_MAX + " buttons (there are " + buttons.size() + ")"));
        }
        int urls = 0;
        int phones = 0;
        int codes = 0;
        boolean quickRepliesEnded = false;
        boolean seenQuickReply = false;
        for (int i = 0; i < buttons.size(); i++) {
            TemplateDraft.Button b = buttons.get(i);
            String f = "buttons[" + i + "]";
            String type = b.type() == null ? "" : b.type().toUpperCase(Locale.ROOT);
            if (!BUTTON_TYPES.contains(type)) {
                out.add(new Problem(f + ".type", "must be QUICK_REPLY, URL, PHONE_NUMBER or COPY_CODE, not \"" + b.type() + "\""));
                continue;
            }
            if (type.equals("QUICK_REPLY")) {
                if (quickRepliesEnded) {
                    out.add(new Problem(f, "quick reply buttons must be grouped together, before or after the other buttons"));
                }
                seenQuickReply = true;
            } else if (seenQuickReply) {
                quickRepliesEnded = true;
            }
            if (!type.equals("COPY_CODE")) {
                String text = b.text() == null ? "" : b.text();
                if (text.isBlank()) {
                    out.add(new Problem(f + ".text", "must not be empty"));
                } else if (text.length() > BUTTON_TEXT_MAX) {
                    out.add(new Problem(f + ".text", "must be at most " + BUTTON_TEXT_MAX + " characters (it has " + text.length() + ")"));
                }
            }
            switch (type) {
                case "URL" -> {
                    urls++;
                    String url = b.url() == null ? "" : b.url();
                    if (!url.matches("https?://\\S+")) {
                        out.add(new Problem(f + ".url", "must be an http:// or https:// address"));
                    } else if (url.length() > URL_MAX) {
                        out.add(new Problem(f + ".url", "must be at most " + URL_MAX + " characters"));
                    }
                    List<String> vars = variables(url);
                    if (vars.size() > 1 || (vars.size() == 1 && (!vars.get(0).equals("1") || !url.endsWith("{{1}}")))) {
                        out.add(new Problem(f + ".url", "may hold one variable, {{1}}, at its end only"));
                    } else if (vars.size() == 1 && (b.example() == null || !b.example().matches("https?://\\S+"))) {
                        out.add(new Problem(f + ".example", "a URL with {{1}} needs an example: the full URL with a sample value"));
                    }
                }
                case "PHONE_NUMBER" -> {
                    phones++;
                    if (b.phoneNumber() == null || !PHONE.matcher(b.phoneNumber()).matches()) {
                        out.add(new Problem(f + ".phone_number", "must be a phone number in international form, at most " + PHONE_MAX + " characters"));
                    }
                }
                case "COPY_CODE" -> {
                    codes++;
                    if (b.example() == null || b.example().isBlank() || b.example().length() > COPY_CODE_MAX) {
                        out.add(new Problem(f + ".example", "a copy code button needs a sample code of 1 to " + COPY_CODE_MAX + " characters"));
                    }
                }
                default -> {
                }
            }
        }
        if (urls > URL_BUTTONS_MAX) {
            out.add(new Problem("buttons", "at most " + URL_BUTTONS_MAX + " URL buttons (there are " + urls + ")"));
        }
        if (phones > 1) {
            out.add(new Problem("buttons", "at most 1 phone number button (there are " + phones + ")"));
        }
        if (codes > 1) {
            out.add(new Problem("buttons", "at most 1 copy code button (there are " + codes + ")"));
        }
    }

    /** The inside of every {{…}}, in order. */
    static List<String> variables(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = ANY_BRACES.matcher(text);
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return out;
    }
}
