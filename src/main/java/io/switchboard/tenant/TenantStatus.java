package io.switchboard.tenant;

import io.switchboard.db.CodedEnum;

public enum TenantStatus implements CodedEnum {
    ACTIVE("active"), INACTIVE("inactive");

    private final String code;

    TenantStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<TenantStatus> {
        public Converter() {
            super(TenantStatus.class);
        }
    }
}
