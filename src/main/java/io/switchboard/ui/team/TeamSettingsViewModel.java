package io.switchboard.ui.team;

import io.switchboard.team.AssignmentRules;
import io.switchboard.team.CannedReply;
import io.switchboard.team.Label;
import io.switchboard.team.ReplyVariables;
import io.switchboard.team.TeamServices;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.common.InboxSession;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Team settings window of one tenant, for admins and supervisors: canned replies (shortcut and
 * text, with a preview of the variables filled in for an example customer), labels (name and colour),
 * and automatic assignment (off or round robin, and the cap). Each save is checked by the service;
 * a refusal says which field and why, and the form keeps what was typed.
 */
public final class TeamSettingsViewModel {
    private final TeamServices team;
    private final TenantView tenant;
    private final InboxSession session;
    private final Runnable changed;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    private final ObservableList<CannedReply> replies = FXCollections.observableArrayList();
    private final ObjectProperty<CannedReply> reply = new SimpleObjectProperty<>(this, "reply");
    private final StringProperty shortcut = new SimpleStringProperty(this, "shortcut", "");
    private final StringProperty body = new SimpleStringProperty(this, "body", "");
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");

    private final ObservableList<Label> labels = FXCollections.observableArrayList();
    private final ObjectProperty<Label> label = new SimpleObjectProperty<>(this, "label");
    private final StringProperty labelName = new SimpleStringProperty(this, "labelName", "");
    private final StringProperty labelColor = new SimpleStringProperty(this, "labelColor", "#3b82f6");

    private final ObjectProperty<AssignmentRules.Mode> mode = new SimpleObjectProperty<>(this, "mode", AssignmentRules.Mode.OFF);
    private final StringProperty cap = new SimpleStringProperty(this, "cap", Integer.toString(AssignmentRules.DEFAULT_CAP));

    /** {@code changed} tells the window that replies or labels changed (its completion and filters reload). */
    public TeamSettingsViewModel(TeamServices team, TenantView tenant, InboxSession session, Runnable changed) {
        this.team = team;
        this.tenant = tenant;
        this.session = session;
        this.changed = changed;
        reply.addListener((obs, old, r) -> {
            shortcut.set(r == null ? "" : r.shortcut());
            body.set(r == null ? "" : r.body());
        });
        label.addListener((obs, old, l) -> {
            labelName.set(l == null ? "" : l.name());
            labelColor.set(l == null ? "#3b82f6" : l.color());
        });
        body.addListener((obs, old, b) -> preview.set(new ReplyVariables("Anna Berg", "+4915100000001", "You", tenant.name()).fill(b == null ? "" : b)));
    }

    /** Loads the tenant's replies, labels and rules. */
    public void load() {
        UUID t = tenant.id();
        session.executor().run(() -> new Loaded(team.cannedReplies().list(t), team.labels().list(t), team.autoAssignment().rules(t)), l -> {
            replies.setAll(l.replies());
            labels.setAll(l.labels());
            mode.set(l.rules().mode());
            cap.set(Integer.toString(l.rules().maxOpenPerAgent()));
        }, failure -> message.set("Could not load: " + InboxSession.explain(failure)));
    }

    private record Loaded(java.util.List<CannedReply> replies, java.util.List<Label> labels, AssignmentRules rules) {
    }

    public void newReply() {
        reply.set(null);
        shortcut.set("");
        body.set("");
    }

    public void saveReply() {
        UUID id = reply.get() == null ? null : reply.get().id();
        String s = shortcut.get();
        String b = body.get();
        session.executor().run(() -> {
            CannedReply saved = team.cannedReplies().save(tenant.id(), id, s, b);
            return new Object[] {saved, team.cannedReplies().list(tenant.id())};
        }, r -> {
            @SuppressWarnings("unchecked")
            java.util.List<CannedReply> all = (java.util.List<CannedReply>) r[1];
            replies.setAll(all);
            CannedReply saved = (CannedReply) r[0];
            reply.set(all.stream().filter(x -> x.id().equals(saved.id())).findFirst().orElse(null));
            message.set("Saved /" + saved.shortcut());
            changed.run();
        }, failure -> message.set(InboxSession.explain(failure)));
    }

    public void deleteReply() {
        CannedReply r = reply.get();
        if (r == null) {
            return;
        }
        session.executor().run(() -> {
            team.cannedReplies().delete(tenant.id(), r.id());
            return team.cannedReplies().list(tenant.id());
        }, all -> {
            replies.setAll(all);
            newReply();
            message.set("Deleted /" + r.shortcut());
            changed.run();
        }, failure -> message.set(InboxSession.explain(failure)));
    }

    public void newLabel() {
        label.set(null);
        labelName.set("");
        labelColor.set("#3b82f6");
    }

    public void saveLabel() {
        Label l = label.get();
        String n = labelName.get();
        String c = labelColor.get();
        session.executor().run(() -> {
            Label saved = l == null ? team.labels().create(tenant.id(), n, c) : team.labels().update(tenant.id(), l.id(), n, c);
            return new Object[] {saved, team.labels().list(tenant.id())};
        }, r -> {
            @SuppressWarnings("unchecked")
            java.util.List<Label> all = (java.util.List<Label>) r[1];
            labels.setAll(all);
            Label saved = (Label) r[0];
            label.set(all.stream().filter(x -> x.id().equals(saved.id())).findFirst().orElse(null));
            message.set("Saved label " + saved.name());
            changed.run();
        }, failure -> message.set(InboxSession.explain(failure)));
    }

    public void deleteLabel() {
        Label l = label.get();
        if (l == null) {
            return;
        }
        session.executor().run(() -> {
            team.labels().delete(tenant.id(), l.id());
            return team.labels().list(tenant.id());
        }, all -> {
            labels.setAll(all);
            newLabel();
            message.set("Deleted label " + l.name());
            changed.run();
        }, failure -> message.set(InboxSession.explain(failure)));
    }

    public void saveRules() {
        int n;
        try {
            n = Integer.parseInt(cap.get().strip());
        } catch (NumberFormatException e) {
            message.set("max open per agent: must be a whole number, was \"" + cap.get() + "\"");
            return;
        }
        AssignmentRules rules;
        try {
            rules = new AssignmentRules(mode.get(), n);
        } catch (RuntimeException e) {
            message.set(e.getMessage());
            return;
        }
        session.executor().run(() -> {
            team.autoAssignment().setRules(tenant.id(), rules);
            return rules;
        }, r -> message.set(r.mode() == AssignmentRules.Mode.OFF ? "Automatic assignment is off"
                : "Round robin on: up to " + r.maxOpenPerAgent() + " open conversations per online agent"),
                failure -> message.set(InboxSession.explain(failure)));
    }

    public String tenantName() {
        return tenant.name();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<CannedReply> replies() {
        return replies;
    }

    public ObjectProperty<CannedReply> replyProperty() {
        return reply;
    }

    public StringProperty shortcutProperty() {
        return shortcut;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ObservableList<Label> labels() {
        return labels;
    }

    public ObjectProperty<Label> labelProperty() {
        return label;
    }

    public StringProperty labelNameProperty() {
        return labelName;
    }

    public StringProperty labelColorProperty() {
        return labelColor;
    }

    public ObjectProperty<AssignmentRules.Mode> modeProperty() {
        return mode;
    }

    public StringProperty capProperty() {
        return cap;
    }
}
