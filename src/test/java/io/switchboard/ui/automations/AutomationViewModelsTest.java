package io.switchboard.ui.automations;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.automation.AutomationService;
import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.AutomationView;
import io.switchboard.delivery.OutboundFixture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The three view models without a display: work and results run on the calling thread. */
class AutomationViewModelsTest {
    private final OutboundFixture f = new OutboundFixture();
    private final AutomationService service = new AutomationService(f.db, f.secrets);
    private final Executor now = Runnable::run;

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void recipesSwitchManualRunAndTheRunLogWithRetry() {
        AutomationsViewModel list = new AutomationsViewModel(service, f.tenantId, now, now);
        list.enableRecipe("greeting");
        assertThat(list.rows()).extracting(AutomationView::name).containsExactly("Greeting");
        AutomationView greeting = list.rows().get(0);
        list.setActive(greeting, false);
        assertThat(list.rows().get(0).status()).isEqualTo(AutomationStatus.INACTIVE);
        list.selected().set(list.rows().get(0));
        list.runSelected("+5511987654321", "");
        assertThat(list.message().get()).contains("is inactive");
        list.setActive(list.rows().get(0), true);
        list.selected().set(list.rows().get(0));
        list.runSelected("+5511987654321, +5511987654322", "order=A-1");
        assertThat(list.message().get()).isEqualTo("2 runs of Greeting queued; the run log shows the outcome.");

        RunLogViewModel log = new RunLogViewModel(service, f.tenantId, greeting.id(), now, now);
        log.refresh();
        assertThat(log.rows()).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo("pending"));
        assertThat(log.rows().get(0).variablesJson()).contains("\"order\": \"A-1\"");
        service.execute(log.rows().get(0).id());
        log.outcome().set("failed");
        assertThat(log.rows()).singleElement().satisfies(r -> assertThat(r.error()).contains("24-hour window"));
        log.selected().set(log.rows().get(0));
        assertThat(log.canRetry().get()).isTrue();
        assertThat(log.details().get()).contains("Error: ").contains("Variables: ");
        log.retrySelected();
        assertThat(log.message().get()).startsWith("Retry queued as run ");
        log.outcome().set("all");
        assertThat(log.rows()).hasSize(3);
    }

    @Test
    void theEditorsFormAndRawJsonAreTheSameAutomation() {
        AutomationEditorViewModel editor = new AutomationEditorViewModel(service, f.tenantId, now, now);
        editor.name().set("Hours");
        editor.triggerType().set("schedule");
        editor.cron().set("30 8 * * MON-FRI");
        editor.actionType().set("update_contact");
        editor.metadata.set("reminded=yes\nold=");
        editor.rawMode().set(true);
        assertThat(editor.rawJson().get()).contains("\"cron\" : \"30 8 * * MON-FRI\"").contains("\"old\" : null");
        editor.rawJson().set(editor.rawJson().get().replace("30 8", "45 8"));
        editor.rawMode().set(false);
        assertThat(editor.cron().get()).isEqualTo("45 8 * * MON-FRI");
        editor.cron().set("99 8 * * *");
        editor.save();
        assertThat(editor.message().get()).startsWith("trigger_config.cron:");
        editor.cron().set("45 8 * * *");
        editor.save();
        assertThat(editor.message().get()).isEqualTo("Saved.");
        assertThat(editor.saved().get().triggerConfig().path("cron").asText()).isEqualTo("45 8 * * *");
        editor.test();
        assertThat(editor.testResult().get()).contains("Trigger: matches").contains("nothing was stored or sent");
    }
}
