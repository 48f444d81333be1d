package io.switchboard.campaign;

import io.switchboard.db.Database;
import io.switchboard.template.TemplateService;

/** What the campaign screens use: creating and moving campaigns, their funnel, and the templates they can send. */
public record Campaigns(CampaignService service, CampaignFunnel funnel, TemplateService templates, OptOuts optOuts, Database database) {
    public static Campaigns of(Database database) {
        return of(database, io.switchboard.db.ReadRouting.primaryOnly(database));
    }

    /** The funnels read through {@code reads} (a replica while it keeps up); everything else on the primary. */
    public static Campaigns of(Database database, io.switchboard.db.ReadRouting reads) {
        return new Campaigns(new CampaignService(database), new CampaignFunnel(reads), new TemplateService(database), new OptOuts(database), database);
    }
}
