// The views of the app, in the sidebar's order: one row per view instead of
// an if-chain. `needsPeople`: shown only once the directory has people (an
// empty directory shows the welcome screen instead).
import type { Component } from "svelte";
import type { ViewId } from "./state.svelte";
import PeopleView from "./views/people/PeopleView.svelte";
import StakeholderMap from "./views/map/StakeholderMap.svelte";
import EngagementView from "./views/engagement/EngagementView.svelte";
import AccountsView from "./views/accounts/AccountsView.svelte";
import ImportView from "./views/import/ImportView.svelte";
import ReportsView from "./views/reports/ReportsView.svelte";
import SettingsView from "./views/settings/SettingsView.svelte";
import NetworkView from "./views/network/NetworkView.svelte";
import ChampionsView from "./views/champions/ChampionsView.svelte";

export interface Route {
  id: ViewId;
  label: string;
  view: Component;
  needsPeople: boolean;
}

export const ROUTES: Route[] = [
  { id: "people", label: "People", view: PeopleView, needsPeople: true },
  { id: "map", label: "Stakeholder map", view: StakeholderMap, needsPeople: true },
  { id: "engagement", label: "Engagement", view: EngagementView, needsPeople: false },
  { id: "network", label: "Network", view: NetworkView, needsPeople: true },
  { id: "champions", label: "Champions", view: ChampionsView, needsPeople: true },
  { id: "reports", label: "CEO report", view: ReportsView, needsPeople: false },
  { id: "accounts", label: "Accounts", view: AccountsView, needsPeople: false },
  { id: "import", label: "Import", view: ImportView, needsPeople: false },
  { id: "settings", label: "Settings", view: SettingsView, needsPeople: false },
];
