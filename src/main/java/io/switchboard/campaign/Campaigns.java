package io.switchboard.campaign;

import io.switchboard.db.Database;
import io.switchboard.template.TemplateService;

/** What the campaign screens use: creating and moving campaigns, their funnel, and the templates they can send. */
public record Campaigns(CampaignService service, CampaignFunnel funnel, TemplateService templates, OptOuts optOuts, Database database) {
    public static Campaigns of(Database database) {
        return new Campaigns(new CampaignService(database), new CampaignFunnel(database), new TemplateService(database), new OptOuts(database), database);
    }
}
