package io.switchboard.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's mapping table, row by row. */
class MetaTemplateValuesTest {

    @ParameterizedTest
    @CsvSource({"MARKETING,marketing", "UTILITY,transactional", "AUTHENTICATION,otp", "TRANSACTIONAL,transactional", "OTP,otp", "utility,transactional",
            "SOMETHING_NEW,text", "'',text"})
    void categories(String meta, String guide) {
        assertThat(MetaTemplateValues.guideCategory(meta).code()).isEqualTo(guide);
    }

    @ParameterizedTest
    @CsvSource({"PENDING,pending", "IN_APPEAL,pending", "APPROVED,approved", "FLAGGED,approved", "REINSTATED,approved", "REJECTED,rejected",
            "PAUSED,disabled", "DISABLED,disabled", "DELETED,disabled", "PENDING_DELETION,disabled", "ARCHIVED,disabled", "LIMIT_EXCEEDED,disabled",
            "SOMETHING_NEW,disabled", "approved,approved"})
    void statuses(String meta, String guide) {
        assertThat(MetaTemplateValues.guideStatus(meta).code()).isEqualTo(guide);
    }

    @ParameterizedTest
    @CsvSource({"APPROVED,APPROVED", "REINSTATED,APPROVED", "PAUSED,PAUSED", "FLAGGED,FLAGGED", "LOCKED,", "UNLOCKED,", "LIMIT_EXCEEDED,"})
    void webhookEventsThatSetAStatus(String event, String status) {
        assertThat(MetaTemplateValues.statusOfEvent(event)).isEqualTo(status);
    }
}
