package io.switchboard.ui.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.delivery.OutboundFixture;
import io.switchboard.template.TemplateDraft;
import io.switchboard.template.TemplateRow;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateSubmission;
import io.switchboard.template.TemplateSync;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Templates screen's and the editor's view models, without a display, against the real services and the sandbox. */
class TemplatesViewModelTest {
    private final OutboundFixture f = new OutboundFixture();
    private final WhatsAppAccountService accounts = new WhatsAppAccountService(f.db, f.secrets);
    private final CloudApiClient client = new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5));
    private final TemplateActions actions = TemplateActions.of(new TemplateService(f.db), new TemplateSync(f.db, accounts, client),
            new TemplateSubmission(f.db, accounts, client));

    @AfterEach
    void close() {
        f.close();
    }

    private TemplatesViewModel screen() {
        f.sandbox.templateReviewDelay(Duration.ofMinutes(5));
        f.sandbox.addTemplate("waba-1", "order_update", "en_US", "UTILITY", "APPROVED",
                "[{\"type\":\"BODY\",\"text\":\"Hi {{1}}, order shipped.\",\"example\":{\"body_text\":[[\"Ana\"]]}}]");
        f.sandbox.addTemplate("waba-1", "spring_sale", "en_US", "MARKETING", "PAUSED", "[{\"type\":\"BODY\",\"text\":\"Sale on now!\"}]");
        return new TemplatesViewModel(actions, f.tenantId, Runnable::run, Runnable::run);
    }

    private static List<String> shown(TemplatesViewModel vm) {
        return vm.rows().stream().map(r -> r.name() + ":" + r.badge() + ":" + r.agentVisible()).toList();
    }

    @Test
    void syncListsSearchesFiltersAndTheAgentsSwitchSticks() {
        TemplatesViewModel vm = screen();
        vm.refresh();
        assertThat(vm.rows()).isEmpty();

        vm.sync();
        assertThat(vm.message().get()).startsWith("Synced: 2 templates from 1 WhatsApp Business Account");
        assertThat(shown(vm)).containsExactly("order_update:approved:true", "spring_sale:paused:true");
        assertThat(vm.busy().get()).isFalse();

        vm.search().set("sale");
        assertThat(shown(vm)).containsExactly("spring_sale:paused:true");
        vm.search().set("");
        vm.statusFilter().set("approved");
        assertThat(shown(vm)).containsExactly("order_update:approved:true");
        vm.statusFilter().set("all");

        vm.setAgentVisible(vm.rows().get(0), false);
        assertThat(shown(vm)).containsExactly("order_update:approved:false", "spring_sale:paused:true");
        assertThat(vm.message().get()).isEqualTo("order_update is hidden from agents");
        assertThat(new TemplateService(f.db).approved(f.tenantId)).isEmpty();
    }

    @Test
    void deleteDuplicateAndAFailedSyncSayWhatHappened() {
        TemplatesViewModel vm = screen();
        vm.sync();
        vm.selected().set(vm.rows().get(0));
        AtomicReference<TemplateDraft> copy = new AtomicReference<>();
        vm.duplicateSelected(copy::set);
        assertThat(copy.get().name()).isEqualTo("order_update_copy");
        assertThat(copy.get().body()).isEqualTo("Hi {{1}}, order shipped.");
        assertThat(copy.get().bodyExamples()).containsExactly("Ana");

        vm.deleteSelected();
        assertThat(vm.message().get()).isEqualTo("Deleted order_update at Meta");
        assertThat(shown(vm)).containsExactly("order_update:deleted:true", "spring_sale:paused:true");

        f.execute("UPDATE whatsapp_accounts SET api_base_url = 'http://127.0.0.1:9/v24.0'");
        vm.sync();
        assertThat(vm.message().get()).startsWith("Template sync failed (WABA waba-1, page 1): No answer from http://127.0.0.1:9/v24.0");
        assertThat(vm.busy().get()).isFalse();
    }

    @Test
    void theEditorNamesEachProblemByFieldPreviewsTheBubbleAndSubmits() {
        f.sandbox.templateReviewDelay(Duration.ofMinutes(5));
        TemplateEditorViewModel editor = new TemplateEditorViewModel(actions, f.tenantId, Runnable::run, Runnable::run);
        assertThat(editor.valid().get()).isFalse();
        assertThat(editor.problems()).containsKeys("name", "body");

        editor.name().set("Order Shipped");
        assertThat(editor.problemOf("name")).contains("lowercase letters, digits and underscores");
        editor.name().set("order_shipped");
        assertThat(editor.problemOf("name")).isEmpty();
        editor.body().set("Hi {{1}}, parcel {{3}} is on its way.");
        assertThat(editor.problemOf("body")).contains("{{2}} is missing");
        editor.body().set("Hi {{1}}, parcel {{2}} is on its way.");
        assertThat(editor.problems().get("body.examples")).contains("2 expected, 0 given");
        editor.bodyExamples().set("Ana\n#4821");
        editor.headerFormat().set("TEXT");
        editor.headerText().set("x".repeat(61));
        assertThat(editor.problemOf("header")).contains("at most 60 characters");
        editor.headerText().set("Your parcel");
        editor.footer().set("Reply STOP to opt out");
        editor.addButton(TemplateDraft.Button.url("Track", "https://example.com/t/{{1}}", null));
        assertThat(editor.problemOf("buttons")).contains("buttons[0].example: a URL with {{1}} needs an example");
        editor.removeButton(0);
        editor.addButton(TemplateDraft.Button.url("Track", "https://example.com/t/{{1}}", "https://example.com/t/4821"));
        assertThat(editor.problems()).isEmpty();
        assertThat(editor.valid().get()).isTrue();
        assertThat(editor.preview().get()).isEqualTo("Your parcel\n\nHi Ana, parcel #4821 is on its way.\n\nReply STOP to opt out\n[Track]");

        AtomicReference<TemplateRow> stored = new AtomicReference<>();
        editor.submit(stored::set);
        assertThat(stored.get().status()).isEqualTo("pending");
        assertThat(editor.message().get()).isEqualTo("order_shipped submitted: waiting for Meta's review");
        assertThat(f.sandbox.hasTemplate("waba-1", "order_shipped", "en_US")).isTrue();

        TemplateEditorViewModel again = new TemplateEditorViewModel(actions, f.tenantId, Runnable::run, Runnable::run);
        again.load(editor.draft());
        again.submit(stored::set);
        assertThat(again.message().get()).isEqualTo("name: this tenant already has order_shipped in en_US; choose another name or language");
    }

    @Test
    void editOpensTheStoredTemplateOnlyForEditableStatusesAndSendsTheEditToMeta() {
        TemplatesViewModel vm = screen();
        vm.sync();
        TemplateRow approved = vm.rows().stream().filter(r -> r.name().equals("order_update")).findFirst().orElseThrow();
        TemplateRow paused = vm.rows().stream().filter(r -> r.name().equals("spring_sale")).findFirst().orElseThrow();
        vm.selected().set(paused);
        assertThat(vm.selectedEditable()).as("paused templates may be edited").isTrue();
        vm.selected().set(approved);
        assertThat(vm.selectedEditable()).isTrue();
        AtomicReference<TemplateDraft> loaded = new AtomicReference<>();
        vm.editSelected(loaded::set);
        assertThat(loaded.get().name()).isEqualTo("order_update");

        TemplateEditorViewModel editor = new TemplateEditorViewModel(actions, f.tenantId, Runnable::run, Runnable::run);
        editor.loadForEdit(loaded.get());
        assertThat(editor.editing().get()).isTrue();
        assertThat(editor.body().get()).isEqualTo("Hi {{1}}, order shipped.");
        editor.body().set("Hi {{1}}, your order has shipped.");
        AtomicReference<TemplateRow> stored = new AtomicReference<>();
        editor.submit(stored::set);
        assertThat(editor.message().get()).isEqualTo("order_update edited: waiting for Meta's review");
        assertThat(stored.get().id()).isEqualTo(approved.id());
        assertThat(stored.get().metaStatus()).isEqualTo("PENDING");
        assertThat(stored.get().body()).isEqualTo("Hi {{1}}, your order has shipped.");

        vm.refresh();
        vm.selected().set(vm.rows().stream().filter(r -> r.name().equals("order_update")).findFirst().orElseThrow());
        assertThat(vm.selectedEditable()).as("a template in review cannot be edited").isFalse();
        loaded.set(null);
        vm.editSelected(loaded::set);
        assertThat(loaded.get()).isNull();
        assertThat(vm.message().get()).contains("cannot be edited while it is pending").contains("approved, rejected or paused");
    }
}
