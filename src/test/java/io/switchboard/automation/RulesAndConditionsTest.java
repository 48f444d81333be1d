package io.switchboard.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.common.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The config schema's refusals, the conditions, business hours and cron in time zones: pure logic, no database. */
class RulesAndConditionsTest {
    private final AutomationRules rules = new AutomationRules((name, lang) -> name.equals("known") ? null : "this tenant has no template " + name);

    private static AutomationDraft draft(String json) {
        return AutomationDraft.fromJson(json);
    }

    private void refused(String json, String field, String rule) {
        assertThatThrownBy(() -> rules.check(draft(json))).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo(field))
                .hasMessageContaining(rule);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndTheRule() {
        refused("""
                {"name": "s", "trigger_type": "schedule", "trigger_config": {"cron": "61 * * * *", "audience": {"kind": "all"}},
                 "action_type": "send_message", "action_config": {"text": "x"}}""", "trigger_config.cron", "not a valid cron expression");
        refused("""
                {"name": "s", "trigger_type": "schedule", "trigger_config": {"cron": "0 9 * * *"},
                 "action_type": "send_message", "action_config": {"text": "x"}}""", "trigger_config.audience", "is required");
        refused("""
                {"name": "r", "trigger_type": "webhook", "trigger_config": {"conditions": {"regex": "order(\\\\d+"}},
                 "action_type": "send_message", "action_config": {"text": "x"}}""", "trigger_config.conditions.regex", "not a valid regular expression");
        refused("""
                {"name": "u", "trigger_type": "manual", "trigger_config": {},
                 "action_type": "http_request", "action_config": {"method": "POST", "url": "ftp://example.com/x"}}""", "action_config.url", "http:// or https://");
        refused("""
                {"name": "u", "trigger_type": "manual", "trigger_config": {},
                 "action_type": "http_request", "action_config": {"method": "FETCH", "url": "https://example.com/x"}}""", "action_config.method", "must be one of");
        refused("""
                {"name": "t", "trigger_type": "manual", "trigger_config": {},
                 "action_type": "send_template", "action_config": {"name": "unknown", "language": "en_US"}}""", "action_config.name", "no template unknown");
        refused("""
                {"name": "v", "trigger_type": "manual", "trigger_config": {},
                 "action_type": "send_message", "action_config": {"text": "Hi {{customer.name}}"}}""", "action_config.text", "is not a variable");
        refused("""
                {"name": "k", "trigger_type": "webhook", "trigger_config": {"conditions": {"keyword": ["hi"]}},
                 "action_type": "send_message", "action_config": {"text": "x"}}""", "trigger_config.conditions.keyword", "is not a setting here");
        refused("""
                {"name": "e", "trigger_type": "webhook", "trigger_config": {"event": "message_status", "conditions": {"keywords": ["hi"]}},
                 "action_type": "send_message", "action_config": {"text": "x"}}""", "trigger_config.conditions.keywords", "is not a setting here");
        assertThatThrownBy(() -> AutomationDraft.fromJson("{\"name\": ")).hasMessageStartingWith("file: is not JSON");
        assertThatThrownBy(() -> AutomationDraft.fromJson("{\"name\": \"x\", \"trigger_type\": \"cron\"}"))
                .hasMessageContaining("trigger_type: must be one of webhook, schedule, manual, api");
        // and the good ones pass
        rules.check(Recipes.greeting("hi"));
        rules.check(Recipes.away("closed"));
        rules.check(Recipes.stopOptOut("bye"));
        rules.check(Recipes.failedAlert("https://crm.example.com/x"));
    }

    private static TriggerEvent message(String text, String type, boolean first, String conversationStatus, String metadataJson, Instant at) {
        return new TriggerEvent(TriggerEvent.RECEIVED, UUID.randomUUID(), UUID.randomUUID(), null, UUID.randomUUID(), UUID.randomUUID(), text, type, at,
                first, conversationStatus, "Ana", "+5511987654321", null, Runs.json(metadataJson), null, null, null);
    }

    private static ObjectNode trigger(String json) {
        return (ObjectNode) Runs.json(json);
    }

    private static final BusinessHours OPEN = BusinessHours.alwaysOpen(ZoneId.of("UTC"));

    @Test
    void eachConditionMatchesWhatItSaysCaseAndAccentInsensitively() {
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        TriggerEvent e = message("  Quero saber o PREÇO do pedido 123 ", "text", true, "open", "{\"tier\": \"Gold\"}", now);
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"contains\": \"preco\"}}"), e, OPEN)).isEmpty();
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"contains\": [\"frete\", \"entrega\"]}}"), e, OPEN)).hasSize(1);
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"regex\": \"pedido\\\\s+\\\\d+\"}}"), e, OPEN)).isEmpty();
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"regex\": \"^\\\\d+$\"}}"), e, OPEN)).hasSize(1);
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"keywords\": [\"preço\"]}}"), e, OPEN)).as("keywords match the whole text").hasSize(1);
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"keywords\": [\"Olá\"]}}"), message(" OLA ", "text", false, "open", null, now), OPEN)).isEmpty();
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"first_message\": true}}"), e, OPEN)).isEmpty();
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"first_message\": true}}"), message("x", "text", false, "open", null, now), OPEN)).hasSize(1);
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"message_type\": [\"image\", \"document\"]}}"), e, OPEN)).hasSize(1);
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"message_type\": \"image\"}}"), message(null, "image", false, "open", null, now), OPEN)).isEmpty();
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"contact_metadata\": {\"tier\": \"gold\"}}}"), e, OPEN)).isEmpty();
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"contact_metadata\": {\"tier\": \"silver\"}}}"), e, OPEN)).hasSize(1);
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"conversation_status\": \"closed\"}}"), e, OPEN)).hasSize(1);
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"conversation_status\": [\"open\", \"closed\"]}}"), e, OPEN)).isEmpty();
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"outside_business_hours\": true}}"), e, OPEN)).hasSize(1);
        assertThat(Conditions.unmet(trigger("{\"event\": \"message_status\"}"), e, OPEN)).hasSize(1);
        assertThat(Conditions.unmet(trigger("{\"conditions\": {\"contains\": \"preco\", \"message_type\": \"image\"}}"), e, OPEN))
                .as("all conditions must hold").hasSize(1);
    }

    @Test
    void statusEventsMatchByStatusAndErrorCode() {
        TriggerEvent failed = new TriggerEvent(TriggerEvent.STATUS, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), "hi", "text", Instant.now(), false, "open", null, "+1", null, null, "failed", "131047", "Re-engagement");
        assertThat(Conditions.unmet(trigger("{\"event\": \"message_status\", \"conditions\": {\"status\": \"failed\", \"error_code\": [\"131047\", \"131026\"]}}"),
                failed, OPEN)).isEmpty();
        assertThat(Conditions.unmet(trigger("{\"event\": \"message_status\", \"conditions\": {\"status\": \"failed\", \"error_code\": \"131026\"}}"),
                failed, OPEN)).hasSize(1);
        assertThat(Conditions.unmet(trigger("{\"event\": \"message_status\", \"conditions\": {\"status\": \"read\"}}"), failed, OPEN)).hasSize(1);
        assertThat(failed.eventKey()).startsWith("status:");
    }

    @Test
    void businessHoursFollowDaysHolidaysAndTheirZone() {
        BusinessHours h = BusinessHours.fromJson(Runs.json("""
                {"time_zone": "Europe/Lisbon", "days": {"mon": [["09:00", "13:00"], ["14:00", "18:00"]], "sat": [["10:00", "24:00"]]},
                 "holidays": ["2026-06-08"]}"""), ZoneId.of("UTC"));
        assertThat(h.isOpen(Instant.parse("2026-06-01T08:30:00Z"))).as("Mon 09:30 in Lisbon (summer time)").isTrue();
        assertThat(h.isOpen(Instant.parse("2026-06-01T12:30:00Z"))).as("Mon 13:30: lunch").isFalse();
        assertThat(h.isOpen(Instant.parse("2026-06-08T08:30:00Z"))).as("a holiday Monday").isFalse();
        assertThat(h.isOpen(Instant.parse("2026-06-06T22:59:00Z"))).as("Sat 23:59").isTrue();
        assertThat(h.isOpen(Instant.parse("2026-06-02T08:30:00Z"))).as("Tuesday: closed").isFalse();
        assertThatThrownBy(() -> BusinessHours.fromJson(Runs.json("{\"days\": {\"mon\": [[\"18:00\", \"09:00\"]]}}"), ZoneId.of("UTC")))
                .hasMessageContaining("business_hours.days.mon").hasMessageContaining("must end after it starts");
        assertThatThrownBy(() -> BusinessHours.fromJson(Runs.json("{\"time_zone\": \"Mars/Base\", \"days\": {}}"), ZoneId.of("UTC")))
                .hasMessageContaining("business_hours.time_zone");
    }

    @Test
    void cronReadsTheTenantsZoneAcrossADaylightSavingChange() {
        CronSchedule ny = CronSchedule.parse("cron", "0 9 * * *", ZoneId.of("America/New_York"));
        // New York moves from EST (UTC-5) to EDT (UTC-4) on 2026-03-08: 09:00 local is 14:00Z before, 13:00Z after
        assertThat(ny.latestAtOrBefore(Instant.parse("2026-03-07T20:00:00Z"))).contains(Instant.parse("2026-03-07T14:00:00Z"));
        assertThat(ny.latestAtOrBefore(Instant.parse("2026-03-09T20:00:00Z"))).contains(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(ny.nextAfter(Instant.parse("2026-03-07T14:00:00Z"))).contains(Instant.parse("2026-03-08T13:00:00Z"));
        CronSchedule tokyo = CronSchedule.parse("cron", "0 9 * * MON-FRI", ZoneId.of("Asia/Tokyo"));
        assertThat(tokyo.nextAfter(Instant.parse("2026-03-07T00:00:00Z"))).as("Saturday in Tokyo: next is Monday 09:00 JST")
                .contains(Instant.parse("2026-03-09T00:00:00Z"));
        assertThat(tokyo.latestAtOrBefore(Instant.parse("2026-03-09T00:00:00Z"))).contains(Instant.parse("2026-03-09T00:00:00Z"));
        // every 30 minutes through the autumn change in Lisbon: the repeated hour is not skipped
        CronSchedule lisbon = CronSchedule.parse("cron", "*/30 * * * *", ZoneId.of("Europe/Lisbon"));
        Instant t = Instant.parse("2026-10-25T00:00:00Z");
        List<Instant> slots = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            t = lisbon.nextAfter(t).orElseThrow();
            slots.add(t);
        }
        assertThat(slots).containsExactly(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
                Instant.parse("2026-10-25T01:30:00Z"), Instant.parse("2026-10-25T02:00:00Z"));
    }

    @Test
    void variablesRenderFromWhatTheRunSaw() {
        Variables v = new Variables((ObjectNode) Runs.json("""
                {"contact": {"name": "Ana", "metadata": {"order_id": "A-17"}}, "message": {"text": "hi"}, "trigger": {"code": 5}}"""));
        assertThat(v.render("{{contact.name}} / {{ contact.metadata.order_id }} / {{message.text}} / {{trigger.code}} / {{trigger.none}}."))
                .isEqualTo("Ana / A-17 / hi / 5 / .");
        assertThat(v.render(Runs.json("{\"a\": [\"{{contact.name}}\", 1]}")).toString()).isEqualTo("{\"a\":[\"Ana\",1]}");
    }
}
