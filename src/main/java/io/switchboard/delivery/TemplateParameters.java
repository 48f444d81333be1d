package io.switchboard.delivery;

import java.util.List;

/**
 * The values a template message is sent with: header text variable(s), body variables, the header's media
 * (a https link or an uploaded media id) for IMAGE/VIDEO/DOCUMENT headers, and one value per button that takes
 * one (the URL suffix of a URL button, the code of a copy-code button).
 */
public record TemplateParameters(List<String> headerParams, List<String> bodyParams, String headerMedia, List<ButtonParameter> buttonParams) {

    /** A button's value: {@code subType} is url or copy_code, {@code index} the button's position in the template. */
    public record ButtonParameter(int index, String subType, String value) {
    }

    public TemplateParameters {
        headerParams = headerParams == null ? List.of() : List.copyOf(headerParams);
        bodyParams = bodyParams == null ? List.of() : List.copyOf(bodyParams);
        buttonParams = buttonParams == null ? List.of() : List.copyOf(buttonParams);
    }

    /** Body variables only. */
    public static TemplateParameters body(List<String> bodyParams) {
        return new TemplateParameters(List.of(), bodyParams, null, List.of());
    }
}
