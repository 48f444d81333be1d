package io.switchboard.team;

import io.switchboard.common.ValidationException;

/**
 * A tenant's automatic assignment: off, or round robin among its online agents, none of whom gets
 * more than {@code maxOpenPerAgent} open conversations.
 */
public record AssignmentRules(Mode mode, int maxOpenPerAgent) {
    public static final int DEFAULT_CAP = 20;
    public static final AssignmentRules OFF = new AssignmentRules(Mode.OFF, DEFAULT_CAP);

    public enum Mode {
        OFF("off", "Off"), ROUND_ROBIN("round_robin", "Round robin among online agents");

        private final String code;
        private final String label;

        Mode(String code, String label) {
            this.code = code;
            this.label = label;
        }

        public String code() {
            return code;
        }

        public String label() {
            return label;
        }

        static Mode fromCode(String code) {
            for (Mode m : values()) {
                if (m.code.equals(code)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown assignment mode " + code);
        }
    }

    public AssignmentRules {
        if (mode == null) {
            throw new ValidationException("mode", "choose off or round robin");
        }
        if (maxOpenPerAgent < 1 || maxOpenPerAgent > 1000) {
            throw new ValidationException("max open per agent", "must be between 1 and 1000, was " + maxOpenPerAgent);
        }
    }
}
