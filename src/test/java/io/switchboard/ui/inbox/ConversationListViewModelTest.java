package io.switchboard.ui.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.Database;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.common.QueuedExecutor;
import io.switchboard.ui.common.UiExecutor;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The conversation list's paging, filters, search, selection and late answers, on the embedded database without a window. */
class ConversationListViewModelTest {
    private static final LocalDateTime NOW = LocalDateTime.now(ZoneOffset.UTC);
    private Database db;
    private InboxFixtures fx;
    private UUID tenant;
    private final List<ConversationSummary> opened = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open();
        fx = new InboxFixtures(db);
        tenant = fx.tenant("Acme");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private ConversationListViewModel model(UiExecutor executor) {
        InboxSession session = new InboxSession(executor, Instant::now);
        session.tenantProperty().set(new TenantService(db).get(tenant));
        ConversationListViewModel vm = new ConversationListViewModel(new ConversationService(db), session);
        vm.follow(() -> opened.isEmpty() ? null : opened.get(opened.size() - 1), opened::add, first -> { });
        return vm;
    }

    private void customers(int n) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH ct AS (INSERT INTO contacts (tenant_id, phone, name)
                                SELECT ?, '+49151' || lpad(g::text, 7, '0'), 'Customer ' || lpad(g::text, 3, '0') FROM generate_series(1, ?) g
                                RETURNING id, name)
                    INSERT INTO conversations (tenant_id, contact_id, status, last_message_at)
                    SELECT ?, id, CASE WHEN substring(name from 10)::int % 10 = 0 THEN 'closed' ELSE 'open' END,
                           ?::timestamp - substring(name from 10)::int * interval '1 minute' FROM ct""")) {
                ps.setObject(1, tenant);
                ps.setInt(2, n);
                ps.setObject(3, tenant);
                ps.setObject(4, NOW);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Test
    void pagesLoadAsTheAgentScrollsAndTheFooterSaysHowManyThereAre() {
        customers(120);
        ConversationListViewModel vm = model(new ImmediateExecutor());
        vm.reload();
        assertThat(vm.rows()).hasSize(ConversationListViewModel.PAGE);
        assertThat(vm.hasMoreProperty().get()).isTrue();
        assertThat(vm.footerProperty().get()).isEqualTo("50 loaded · scroll for more");

        vm.loadMore();
        vm.loadMore();
        assertThat(vm.rows()).hasSize(120).extracting(ConversationSummary::title).doesNotHaveDuplicates().startsWith("Customer 001");
        assertThat(vm.hasMoreProperty().get()).isFalse();
        assertThat(vm.footerProperty().get()).isEqualTo("120 conversations");
        vm.loadMore();
        assertThat(vm.rows()).hasSize(120);
    }

    @Test
    void aFilterReloadsFromTheTopAndSearchAppliesOnReload() {
        customers(30);
        ConversationListViewModel vm = model(new ImmediateExecutor());
        vm.reload();
        vm.filterProperty().set(ConversationFilter.CLOSED);
        assertThat(vm.rows()).extracting(ConversationSummary::title).containsExactly("Customer 010", "Customer 020", "Customer 030");
        assertThat(vm.footerProperty().get()).isEqualTo("3 conversations");

        vm.searchProperty().set("  Customer 02 ");
        assertThat(vm.rows()).as("search waits for reload").hasSize(3);
        vm.reload();
        assertThat(vm.rows()).extracting(ConversationSummary::title).containsExactly("Customer 020");
        assertThat(vm.footerProperty().get()).isEqualTo("1 conversation");
    }

    @Test
    void anAnswerToAnOlderQueryIsDropped() {
        customers(30);
        QueuedExecutor executor = new QueuedExecutor();
        ConversationListViewModel vm = model(executor);
        vm.searchProperty().set("Customer 01");
        vm.reload();
        vm.searchProperty().set("Customer 029");
        vm.reload();
        executor.release(1);
        executor.releaseAll();
        assertThat(vm.rows()).extracting(ConversationSummary::title).containsExactly("Customer 029");
    }

    @Test
    void walkingTheListOpensEachRowAndTheOpenRowStaysSelectedAcrossRefreshes() {
        customers(3);
        ConversationListViewModel vm = model(new ImmediateExecutor());
        vm.reload();
        assertThat(vm.selectedIndexProperty().get()).isEqualTo(-1);
        vm.move(1);
        vm.move(1);
        assertThat(opened).extracting(ConversationSummary::title).containsExactly("Customer 001", "Customer 002");
        vm.move(5);
        assertThat(vm.selectedIndexProperty().get()).isEqualTo(2);

        // Customer 003 writes: it rises to the top, and its row is still the selected one.
        fx.customerWrites(tenant, "+491510000003", null, "hello again");
        vm.refreshTop();
        assertThat(vm.rows().get(0).title()).isEqualTo("Customer 003");
        assertThat(vm.selectedIndexProperty().get()).isZero();
        assertThat(opened).hasSize(3);
    }
}
