package io.switchboard.automation;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.switchboard.common.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A schedule trigger's cron expression (Unix, five fields: minute hour day-of-month month day-of-week) read in
 * the tenant's time zone, so "0 9 * * *" is 09:00 where the tenant is, before and after a daylight-saving change.
 */
public final class CronSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private final ExecutionTime execution;
    private final ZoneId zone;

    private CronSchedule(Cron cron, ZoneId zone) {
        this.execution = ExecutionTime.forCron(cron);
        this.zone = zone;
    }

    public static CronSchedule parse(String field, String expression, ZoneId zone) {
        if (expression == null || expression.isBlank()) {
            throw new ValidationException(field, "is required: a cron expression with five fields (minute hour day-of-month month day-of-week), e.g. \"0 9 * * MON-FRI\"");
        }
        try {
            Cron cron = PARSER.parse(expression.strip());
            cron.validate();
            return new CronSchedule(cron, zone);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "\"" + expression + "\" is not a valid cron expression (five fields: minute hour day-of-month month "
                    + "day-of-week): " + e.getMessage());
        }
    }

    /** The latest slot at or before {@code now}, if any. */
    public Optional<Instant> latestAtOrBefore(Instant now) {
        ZonedDateTime at = now.atZone(zone);
        if (execution.isMatch(at.withSecond(0).withNano(0)) && !at.withSecond(0).withNano(0).isAfter(at)) {
            return Optional.of(at.withSecond(0).withNano(0).toInstant());
        }
        return execution.lastExecution(at).map(ZonedDateTime::toInstant);
    }

    /** The first slot after {@code after}. */
    public Optional<Instant> nextAfter(Instant after) {
        return execution.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }
}
