package io.switchboard.campaign;

import io.switchboard.db.CodedEnum;

/** Stored as the guide's check values: draft, scheduled, running, paused, completed, cancelled. */
public enum CampaignStatus implements CodedEnum {
    DRAFT("draft"), SCHEDULED("scheduled"), RUNNING("running"), PAUSED("paused"), COMPLETED("completed"), CANCELLED("cancelled");

    private final String code;

    CampaignStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static CampaignStatus fromCode(String code) {
        return CodedEnum.fromCode(CampaignStatus.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<CampaignStatus> {
        public Converter() {
            super(CampaignStatus.class);
        }
    }
}
