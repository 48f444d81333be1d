package io.switchboard.ui.thread;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.delivery.OutboundContent;
import io.switchboard.template.TemplateLayout;
import io.switchboard.template.TemplateView;
import java.util.Map;
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

    /** As the sandbox's parcel_tracking: an image header, three body variables, a URL button with {{1}}, a quick reply. */
    private final TemplateView parcel = new TemplateView(UUID.randomUUID(), "parcel_tracking", "en_US", "UTILITY", null,
            "Hi {{1}}, parcel {{2}} arrives {{3}}.", "Switchboard Demo deliveries", List.of(), List.of(1, 2, 3), "IMAGE",
            List.of(new TemplateLayout.Button(0, "URL", "Track parcel", "https://example.com/track/{{1}}", null),
                    new TemplateLayout.Button(1, "QUICK_REPLY", "Talk to a person", null, null),
                    new TemplateLayout.Button(2, "COPY_CODE", null, null, null)));

    @Test
    void aMediaHeaderAndParameterButtonsEachGetAnInputWithUniqueIds() {
        vm.selectedProperty().set(parcel);
        assertThat(vm.parameters()).extracting(TemplatePickerViewModel.Parameter::id)
                .containsExactly("param-header-media", "param-1", "param-2", "param-3", "param-button-0", "param-button-2")
                .doesNotHaveDuplicates();
        assertThat(vm.parameters().get(0).label()).isEqualTo("Header image: link or media id");
        assertThat(vm.parameters().get(4).label()).contains("Track parcel");
        assertThat(vm.parameters().get(5).label()).contains("code");
        assertThat(vm.errorProperty().get()).as("nothing typed yet is not an error").isEmpty();
        assertThat(vm.previewProperty().get()).startsWith("[image]\n\nHi {{1}}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sendNeedsTheMediaAndEveryButtonValueAndCarriesThemInTheMessage() {
        vm.selectedProperty().set(parcel);
        vm.parameters().get(1).value().set("Ana");
        vm.parameters().get(2).value().set("#4821");
        vm.parameters().get(3).value().set("tomorrow");
        assertThat(vm.sendableProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).contains("header image");

        vm.parameters().get(0).value().set(" https://example.com/p.jpg ");
        assertThat(vm.sendableProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).contains("button 0");
        vm.parameters().get(4).value().set("4821");
        vm.parameters().get(5).value().set("X".repeat(16));
        assertThat(vm.errorProperty().get()).as("copy codes are limited to 15 characters").contains("copy code");
        assertThat(vm.send()).isFalse();
        vm.parameters().get(5).value().set("SAVE10");
        assertThat(vm.sendableProperty().get()).isTrue();
        assertThat(vm.errorProperty().get()).isEmpty();

        assertThat(vm.send()).isTrue();
        Map<String, Object> template = (Map<String, Object>) sent.get(0).metadata().get("template");
        assertThat(template.get("header_media")).isEqualTo(Map.of("type", "image", "link", "https://example.com/p.jpg"));
        assertThat((List<Map<String, Object>>) template.get("buttons"))
                .containsExactly(Map.of("index", 0, "sub_type", "url", "value", "4821"), Map.of("index", 2, "sub_type", "copy_code", "value", "SAVE10"));
        assertThat(sent.get(0).content()).contains("Hi Ana, parcel #4821 arrives tomorrow.");
    }

    @Test
    void aMediaIdIsAcceptedInPlaceOfALink() {
        vm.selectedProperty().set(new TemplateView(UUID.randomUUID(), "doc", "en_US", "UTILITY", null, "Your invoice", null,
                List.of(), List.of(), "DOCUMENT", List.of()));
        assertThat(vm.parameters().get(0).label()).isEqualTo("Header document: link or media id");
        vm.parameters().get(0).value().set("1234567890");
        assertThat(vm.send()).isTrue();
        assertThat(sent.get(0).metadata().get("template").toString()).contains("id=1234567890");
    }
}
