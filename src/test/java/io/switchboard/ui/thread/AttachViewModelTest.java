package io.switchboard.ui.thread;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.delivery.OutboundContent;
import io.switchboard.message.MessageType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttachViewModelTest {
    private final List<OutboundContent> sent = new ArrayList<>();

    @Test
    void aLinkThatIsNotAPublicHttpAddressIsRefusedNamingTheField() {
        AttachViewModel vm = new AttachViewModel(true, sent::add);
        vm.linkProperty().set("file:///etc/passwd");
        assertThat(vm.send()).isFalse();
        assertThat(vm.errorProperty().get()).startsWith("link: must be a public http(s) address");
        assertThat(sent).isEmpty();
    }

    @Test
    void aDocumentWithoutAFileNameTakesItFromTheLink() {
        AttachViewModel vm = new AttachViewModel(false, sent::add);
        vm.linkProperty().set(" https://example.com/files/invoice-4711.pdf ");
        assertThat(vm.send()).isTrue();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).type()).isEqualTo(MessageType.DOC);
        assertThat(sent.get(0).content()).as("shown as its file name").isEqualTo("invoice-4711.pdf");
        assertThat(sent.get(0).metadata().get("media")).isEqualTo(java.util.Map.of("link", "https://example.com/files/invoice-4711.pdf", "filename", "invoice-4711.pdf"));
    }
}
