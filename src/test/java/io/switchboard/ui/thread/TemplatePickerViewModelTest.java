package io.switchboard.ui.thread;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.delivery.OutboundContent;
import io.switchboard.template.TemplateView;
import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Filling a template: one input per {{n}}, the preview, and send only when every value is there. */
class TemplatePickerViewModelTest {
    private final List<OutboundContent> sent = new ArrayList<>();
    private final TemplatePickerViewModel vm = new TemplatePickerViewModel(null, new InboxSession(new ImmediateExecutor(), Instant::now), sent::add);
    private final TemplateView followUp = new TemplateView(UUID.randomUUID(), "follow_up", "en_US", "transactional", "Order {{1}}",
            "Hello {{1}}, can we still help with {{2}}?", "Reply STOP to opt out", List.of(1), List.of(1, 2));

    @Test
    void choosingATemplateGivesAnInputPerPlaceholderHeaderFirst() {
        vm.selectedProperty().set(followUp);
        assertThat(vm.parameters()).extracting(TemplatePickerViewModel.Parameter::id).containsExactly("param-header-1", "param-1", "param-2");
        assertThat(vm.parameters()).extracting(TemplatePickerViewModel.Parameter::label).containsExactly("Header {{1}}", "{{1}}", "{{2}}");
        assertThat(vm.previewProperty().get()).isEqualTo("Order {{1}}\n\nHello {{1}}, can we still help with {{2}}?\n\nReply STOP to opt out");
        assertThat(vm.sendableProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).as("nothing typed yet is not an error").isEmpty();
    }

    @Test
    void sendStaysOffUntilEveryValueIsFilledAndSaysWhatIsMissingOnceTheAgentStarted() {
        vm.selectedProperty().set(followUp);
        vm.parameters().get(1).value().set("Anna");
        assertThat(vm.sendableProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).contains("parameter");
        assertThat(vm.send()).isFalse();
        assertThat(sent).isEmpty();

        vm.parameters().get(0).value().set("4711");
        vm.parameters().get(2).value().set("  your refund ");
        assertThat(vm.sendableProperty().get()).isTrue();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.previewProperty().get()).startsWith("Order 4711\n\nHello Anna, can we still help with your refund?");
        assertThat(vm.send()).isTrue();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).content()).contains("Hello Anna, can we still help with your refund?");
    }

    @Test
    void aWhitespaceOnlyValueIsMissing() {
        vm.selectedProperty().set(new TemplateView(UUID.randomUUID(), "hi", "en_US", "marketing", null, "Hi {{1}}", null, List.of(), List.of(1)));
        vm.parameters().get(0).value().set("   ");
        assertThat(vm.sendableProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isNotEmpty();
    }
}
