//! `report`: a one-page briefing of the graph as of a date.
//!
//! It gathers what an analyst asks first: who belongs to which
//! organization, who holds office, where the tensions are, who backs whom,
//! where states stand on the issues, and who came to which summit.
//!
//! **Bounded on large graphs.** Organizations, issues and summits are
//! detailed for the first [`REPORT_ITEMS`] only (the rest are counted,
//! `*_total`); the renderers cap every other list at the same number with
//! "… and N more". The analytic sections use the bounded methods: balance
//! counts triangles and keeps the [`DEFAULT_LIMIT`] worst, of which the
//! briefing shows [`BRIEFING_TRIANGLES`]; blocs run on their
//! work budget; brokers are estimated from pivots on a large graph
//! ([`crate::query::centrality`]); the strongest alignments are sought
//! among the [`ALIGNMENT_STATES`] states with the largest portfolios when
//! there are more states than that.

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::align::{self, Alignment};
use super::balance::{Balance, DEFAULT_LIMIT, balance_within};
use super::centrality::{self, EXACT_WORK, Estimate, Measure, Score, centrality_within};
use super::cluster::Blocs;
use super::cluster::blocs::{WORK_BUDGET, blocs_within};
use super::members::{Membership, members};
use super::signed::SignedNetwork;
use crate::graph::{Existence, View, When};
use crate::model::{EntityKind, RelationKind};

/// An organization and its members by status.
#[derive(Clone, Debug)]
pub struct OrganizationSection {
    /// The organization.
    pub node: NodeIndex,
    /// Its members in force, by status (see [`members`]).
    pub memberships: Vec<Membership>,
    /// Who leads it, if recorded.
    pub heads: Vec<EdgeIndex>,
}

/// An office held at the moment.
#[derive(Clone, Debug)]
pub struct Office {
    /// The `leads` relation recording the office (its role and dates).
    pub edge: EdgeIndex,
    /// The person holding it.
    pub holder: NodeIndex,
    /// The country led.
    pub of: NodeIndex,
}

/// A summit with its host and attendees.
#[derive(Clone, Debug)]
pub struct Summit {
    /// The event.
    pub node: NodeIndex,
    /// Who hosted it (usually one country), in incidence order.
    pub hosts: Vec<NodeIndex>,
    /// The `attends` relations to it, in incidence order.
    pub attendees: Vec<EdgeIndex>,
    /// For each attendee, the office it held on the event's first day
    /// (a `leads` or `serves` relation to a country or organization), when
    /// one is recorded: in what capacity it came ("External Affairs
    /// Minister of India").
    pub capacities: Vec<Option<EdgeIndex>>,
    /// Its sessions (events `part_of` it, like the SCO Plus meeting of a
    /// summit), each with its own hosts and attendees, by start.
    pub sessions: Vec<Summit>,
}

/// Everything `report` shows, as data.
#[derive(Clone, Debug)]
pub struct Briefing {
    /// The moment the briefing describes.
    pub when: When,
    /// How many entries each list shows ([`REPORT_ITEMS`] by default,
    /// `usize::MAX` for all); renderers cap the lists they print at this.
    pub items: usize,
    /// The first [`REPORT_ITEMS`] organizations with members or heads.
    pub organizations: Vec<OrganizationSection>,
    /// How many organizations have members or heads.
    pub organizations_total: usize,
    /// Heads of state and government, in order of the country's name.
    pub leaders: Vec<Office>,
    /// Countries (existing at the view's moment) for which no leader is
    /// recorded in office then, by name: "not recorded", not "nobody".
    pub leaderless: Vec<NodeIndex>,
    /// Organizations existing at the view's moment of which the database
    /// records no membership at any time, in file order.
    pub unrecorded_organizations: Vec<NodeIndex>,
    /// Conflicts, disputes, rivalries and sanctions in force.
    pub tensions: Vec<EdgeIndex>,
    /// Alliances, partnerships and support in force.
    pub ties: Vec<EdgeIndex>,
    /// Stances, grouped by issue (issue order of the file): the first
    /// [`REPORT_ITEMS`] issues.
    pub stances: Vec<(NodeIndex, Vec<EdgeIndex>)>,
    /// How many issues have stances.
    pub stances_total: usize,
    /// Summits that had begun by the date, most recent first: the first
    /// [`REPORT_ITEMS`].
    pub summits: Vec<Summit>,
    /// How many summits had begun.
    pub summits_total: usize,
    /// The most aligned pairs of states by weighted κ (then S), best first.
    pub alignments: Vec<Alignment>,
    /// When there are more than [`ALIGNMENT_STATES`] states: how many
    /// there are (pairs were sought among the largest portfolios only).
    pub alignment_states: Option<usize>,
    /// Signed blocs of states.
    pub blocs: Blocs,
    /// Structural balance of the signed network of states.
    pub balance: Balance,
    /// States ranked by betweenness over the relations that say something
    /// about alignment, between states and organizations
    /// ([`centrality::scope`] by default): who brokers between groups.
    pub brokers: Vec<Score>,
    /// How the brokers' betweenness was estimated, on a large graph.
    pub brokers_estimate: Option<Estimate>,
}

/// How many aligned pairs and brokers the briefing lists.
pub const BRIEFING_TOP: usize = 5;

/// The betweenness budget of the briefing's brokers (see
/// [`centrality_within`]): half of `central`'s, as the briefing computes
/// blocs, balance and alignments at the same time; exact on any graph of a
/// few thousand entities.
pub const BROKERS_WORK: usize = EXACT_WORK / 2;

/// The relocation budget of the briefing's blocs and frustration bound
/// (see [`blocs_within`]): a fifth of `clusters --method blocs`'s. The
/// bundled graph never comes near it.
pub const ANALYSIS_WORK: usize = WORK_BUDGET / 5;

/// Unbalanced triangles the briefing lists (the first of the
/// [`DEFAULT_LIMIT`] worst, in file order).
pub const BRIEFING_TRIANGLES: usize = 3;

/// Entries per section of the briefing (organizations, leaders, tensions,
/// ties, issues, summits) and names per list (members, attendees).
pub const REPORT_ITEMS: usize = 20;

/// The strongest alignments are sought among at most this many states
/// (those with the most holdings), so that comparing pairs stays within
/// `ALIGNMENT_STATES`²/2 comparisons.
pub const ALIGNMENT_STATES: usize = 150;

/// The strongest alignments between pairs of states, ranked by weighted κ
/// and then by S. κ leads because S rewards two states for sharing the
/// same few ties that nearly everyone has (two Central Asian SCO members
/// score as high as Russia and China); κ discounts agreement expected by
/// chance. Portfolios are built once per state, then every pair compared:
/// O(S² · holdings).
pub fn strongest_alignments(view: &View<'_>, top: usize) -> Vec<Alignment> {
    strongest_among(view, top, usize::MAX).0
}

/// [`strongest_alignments`] among the `limit` states with the largest
/// portfolios (all states when there are fewer), and how many states there
/// are when that cut any. Pairs are ranked by a scores-only comparison
/// ([`align::Flat::scores`], O(holdings)), and the best `top + 20` compared
/// in full and ranked again, so that the answer is that of comparing every
/// pair in full.
pub fn strongest_among(
    view: &View<'_>,
    top: usize,
    limit: usize,
) -> (Vec<Alignment>, Option<usize>) {
    let graph = view.graph();
    let frame = align::Frame::new(*view, align::Basis::Relations);
    let dims = frame.dimensions();
    let states: Vec<NodeIndex> = view
        .nodes()
        .filter(|n| graph.entity_kind(*n) == EntityKind::Country)
        .collect();
    // A state with no tie recorded but to itself has nothing to be aligned
    // on: pairing it would rank what the database does not record.
    let mut portfolios: Vec<align::Portfolio> = states
        .iter()
        .map(|s| align::portfolio(&frame, *s))
        .filter(|p| p.holdings.len() > 1)
        .collect();
    let cut = (portfolios.len() > limit).then_some(portfolios.len());
    if cut.is_some() {
        // The largest portfolios, kept in file order.
        let mut order: Vec<usize> = (0..portfolios.len()).collect();
        order.sort_by_key(|i| std::cmp::Reverse(portfolios[*i].holdings.len()));
        order.truncate(limit);
        order.sort_unstable();
        let mut keep = vec![false; portfolios.len()];
        for i in order {
            keep[i] = true;
        }
        let mut i = 0;
        portfolios.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }
    let flat: Vec<align::Flat> = portfolios
        .iter()
        .map(|p| align::Flat::of(&frame, p))
        .collect();
    let kappa = |k: Option<f64>| k.unwrap_or(f64::NEG_INFINITY);
    let score = kappa;
    let mut quick: Vec<(f64, f64, usize, usize)> = Vec::new();
    for i in 0..flat.len() {
        for j in i + 1..flat.len() {
            let scores = flat[i].scores(&frame, &dims, &flat[j]);
            quick.push((kappa(scores.kappa), score(scores.s_score), i, j));
        }
    }
    quick.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(y.1.total_cmp(&x.1))
            .then_with(|| (x.2, x.3).cmp(&(y.2, y.3)))
    });
    quick.truncate(top + 20);
    let mut pairs: Vec<Alignment> = quick
        .into_iter()
        .map(|(_, _, i, j)| align::compare(&frame, &dims, &portfolios[i], &portfolios[j]))
        .collect();
    pairs.sort_by(|x, y| {
        kappa(y.scores.kappa)
            .total_cmp(&kappa(x.scores.kappa))
            .then(score(y.scores.s_score).total_cmp(&score(x.scores.s_score)))
            .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
    });
    pairs.truncate(top);
    (pairs, cut)
}

/// Builds the briefing for the view's moment.
///
/// The descriptive sections read the view's flat records (O(V + E) each,
/// plus sorting what they list); the analytic ones (brokers, blocs,
/// balance, alignments) run side by side on their bounded budgets, see the
/// module documentation.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, query, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let briefing = query::report(&graph.at(When::On(jiff::civil::date(2024, 7, 4))));
/// assert!(briefing.summits.iter().any(|s| graph.entity(s.node).id == "sco-2024-astana"));
/// ```
///
/// # Panics
///
/// Only if one of the threads computing the analytic sections panicked,
/// which would be a bug in that analysis.
pub fn report(view: &View<'_>) -> Briefing {
    report_with(view, REPORT_ITEMS)
}

/// [`report`] with `items` entries per list instead of [`REPORT_ITEMS`]
/// (`usize::MAX` for every entry: `report --all`). The analytic sections
/// keep their own bounds.
pub fn report_with(view: &View<'_>, items: usize) -> Briefing {
    let (organizations, organizations_total) = organization_sections(view, items);
    let leaders = leaders(view);
    let leaderless = leaderless(view, &leaders);
    let unrecorded_organizations = unrecorded_organizations(view);
    let (stances, stances_total) = stance_sections(view, items);
    let (summits, summits_total) = summit_sections(view, items);
    let analytics = analytics(view);
    Briefing {
        items,
        alignments: analytics.alignments,
        alignment_states: analytics.alignment_states,
        blocs: analytics.blocs,
        balance: analytics.balance,
        brokers: analytics.brokers,
        brokers_estimate: analytics.brokers_estimate,
        when: view.when(),
        organizations_total,
        organizations,
        leaders,
        leaderless,
        unrecorded_organizations,
        tensions: by_kind(
            view,
            &[
                RelationKind::Conflict,
                RelationKind::Dispute,
                RelationKind::Rivalry,
                RelationKind::Sanctions,
            ],
        ),
        ties: by_kind(
            view,
            &[
                RelationKind::Alliance,
                RelationKind::Partnership,
                RelationKind::Supports,
            ],
        ),
        stances_total,
        stances,
        summits_total,
        summits,
    }
}

/// The relations of the given kinds in force, in the order of `kinds` and
/// then of their endpoints' ids.
fn by_kind(view: &View<'_>, kinds: &[RelationKind]) -> Vec<EdgeIndex> {
    let graph = view.graph();
    let mut edges: Vec<EdgeIndex> = view
        .relations()
        .filter(|e| kinds.contains(&graph.kind(*e)))
        .collect();
    edges.sort_by_cached_key(|e| {
        let (a, b) = graph.endpoints(*e);
        (
            kinds.iter().position(|k| *k == graph.kind(*e)),
            graph.entity(a).id.clone(),
            graph.entity(b).id.clone(),
        )
    });
    edges
}

/// Organizations with members or heads, found from the flat records: the
/// first [`REPORT_ITEMS`] detailed, and how many there are.
fn organization_sections(view: &View<'_>, items: usize) -> (Vec<OrganizationSection>, usize) {
    let graph = view.graph();
    let listed_org = |org: NodeIndex| {
        view.incident_edges(org).any(|(edge, _, outgoing)| {
            let kind = graph.kind(edge);
            !outgoing && (kind.is_membership() || kind == RelationKind::Leads)
        })
    };
    let orgs: Vec<NodeIndex> = graph
        .nodes()
        .filter(|n| graph.entity_kind(*n) == EntityKind::Organization)
        .filter(|n| listed_org(*n))
        .collect();
    let organizations = orgs
        .iter()
        .take(items)
        .map(|&org| OrganizationSection {
            node: org,
            memberships: members(view, org, &[]),
            heads: view
                .incident_edges(org)
                .filter(|(edge, _, outgoing)| !outgoing && graph.kind(*edge) == RelationKind::Leads)
                .map(|(edge, _, _)| edge)
                .collect(),
        })
        .collect();
    (organizations, orgs.len())
}

/// Offices over countries, in order of the country's name, then the role.
fn leaders(view: &View<'_>) -> Vec<Office> {
    let graph = view.graph();
    let name = |n: NodeIndex| graph.entity(n).name.clone();
    let mut leaders: Vec<Office> = view
        .relations_of_kind(RelationKind::Leads)
        .filter_map(|edge| {
            let (holder, of) = graph.endpoints(edge);
            (graph.entity_kind(of) == EntityKind::Country).then_some(Office { edge, holder, of })
        })
        .collect();
    leaders.sort_by_cached_key(|o| (name(o.of), graph.relation(o.edge).role.clone()));
    leaders
}

/// Countries with no leader in office recorded at the view's moment, by
/// name. O(V + leaders).
fn leaderless(view: &View<'_>, leaders: &[Office]) -> Vec<NodeIndex> {
    let graph = view.graph();
    let mut led = vec![false; graph.node_count()];
    for office in leaders {
        led[office.of.index()] = true;
    }
    let mut out: Vec<NodeIndex> = graph
        .nodes()
        .filter(|n| graph.entity_kind(*n) == EntityKind::Country && !led[n.index()])
        .filter(|n| graph.existence(*n, view.when()) == Existence::Exists)
        .collect();
    out.sort_by_cached_key(|n| graph.entity(*n).name.clone());
    out
}

/// Organizations that exist at the view's moment and of which no
/// membership is recorded at any time. O(V + E).
fn unrecorded_organizations(view: &View<'_>) -> Vec<NodeIndex> {
    let graph = view.graph();
    let all = graph.at(When::AllTime);
    graph
        .nodes()
        .filter(|n| graph.entity_kind(*n) == EntityKind::Organization)
        .filter(|n| graph.existence(*n, view.when()) == Existence::Exists)
        .filter(|n| {
            !all.incident_edges(*n)
                .any(|(edge, _, outgoing)| !outgoing && graph.kind(edge).is_membership())
        })
        .collect()
}

/// Stances grouped by issue, for the first [`REPORT_ITEMS`] issues with
/// any (by position, then the speaker's name), and how many issues have
/// stances.
fn stance_sections(view: &View<'_>, items: usize) -> (Vec<(NodeIndex, Vec<EdgeIndex>)>, usize) {
    let graph = view.graph();
    let name = |n: NodeIndex| graph.entity(n).name.clone();
    let has_stance = |issue: NodeIndex| {
        view.incident_edges(issue)
            .any(|(edge, _, _)| graph.kind(edge) == RelationKind::Stance)
    };
    let issues: Vec<NodeIndex> = graph
        .nodes()
        .filter(|n| graph.entity_kind(*n) == EntityKind::Issue)
        .filter(|n| has_stance(*n))
        .collect();
    let stances = issues
        .iter()
        .take(items)
        .map(|&issue| {
            let mut edges: Vec<EdgeIndex> = view
                .incident_edges(issue)
                .filter(|(edge, _, _)| graph.kind(*edge) == RelationKind::Stance)
                .map(|(edge, _, _)| edge)
                .collect();
            edges.sort_by_key(|e| {
                let r = graph.relation(*e);
                (r.position, graph.node(&r.from).map(name))
            });
            (issue, edges)
        })
        .collect();
    (stances, issues.len())
}

/// Summits begun by the view's date, most recent first: the first
/// [`REPORT_ITEMS`] with hosts, attendees and sessions, and how many there
/// are. A session (an event `part_of` another) is listed under its summit,
/// not as a summit of its own.
fn summit_sections(view: &View<'_>, items: usize) -> (Vec<Summit>, usize) {
    let graph = view.graph();
    let begun = |n: NodeIndex| {
        let start = graph.entity(n).event.as_ref().and_then(|e| e.start);
        match (view.when(), start) {
            (When::On(day), Some(start)) => start.first_day() <= day,
            _ => true,
        }
    };
    let start = |n: &NodeIndex| graph.entity(*n).event.as_ref().and_then(|e| e.start);
    let is_session = |n: NodeIndex| {
        view.incident_edges(n)
            .any(|(edge, _, outgoing)| outgoing && graph.kind(edge) == RelationKind::PartOf)
    };
    let mut events: Vec<NodeIndex> = graph
        .nodes()
        .filter(|n| graph.entity_kind(*n) == EntityKind::Event)
        .filter(|n| begun(*n) && !is_session(*n))
        .collect();
    events.sort_by_key(|n| std::cmp::Reverse(start(n)));
    let summit = |event: NodeIndex| -> Summit {
        let mut sessions: Vec<NodeIndex> = view
            .incident_edges(event)
            .filter(|(edge, _, outgoing)| !outgoing && graph.kind(*edge) == RelationKind::PartOf)
            .map(|(_, other, _)| other)
            .filter(|n| begun(*n))
            .collect();
        sessions.sort_by_key(start);
        Summit {
            sessions: sessions.into_iter().map(|s| gathering(view, s)).collect(),
            ..gathering(view, event)
        }
    };
    let summits = events.iter().take(items).map(|&e| summit(e)).collect();
    (summits, events.len())
}

/// An event's hosts and attendees in force at the view's moment, without
/// its sessions.
fn gathering(view: &View<'_>, event: NodeIndex) -> Summit {
    let graph = view.graph();
    let incident: Vec<(EdgeIndex, NodeIndex, bool)> = view.incident_edges(event).collect();
    let of = |kind: RelationKind| {
        incident
            .iter()
            .filter(move |(e, _, _)| graph.kind(*e) == kind)
            .copied()
    };
    let attendees: Vec<EdgeIndex> = of(RelationKind::Attends).map(|(e, _, _)| e).collect();
    let first_day = graph
        .entity(event)
        .event
        .as_ref()
        .and_then(|e| e.start)
        .map_or(view.when(), |d| When::On(d.first_day()));
    Summit {
        node: event,
        hosts: of(RelationKind::Hosts).map(|(_, other, _)| other).collect(),
        capacities: attendees
            .iter()
            .map(|edge| capacity(&graph.at(first_day), graph.endpoints(*edge).0))
            .collect(),
        attendees,
        sessions: Vec::new(),
    }
}

/// The office `person` held at the view's moment, if one is recorded:
/// the first `leads` in force (a head outranks a minister), else the first
/// `serves`. O(degree).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, query::report::capacity, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let putin = graph.resolve("Vladimir Putin").unwrap();
/// let office = capacity(&graph.at(When::On(jiff::civil::date(2024, 7, 4))), putin).unwrap();
/// assert_eq!(graph.relation(office).role.as_deref(), Some("President"));
/// ```
pub fn capacity(view: &View<'_>, person: NodeIndex) -> Option<EdgeIndex> {
    let graph = view.graph();
    if graph.entity_kind(person) != EntityKind::Person {
        return None;
    }
    let offices: Vec<EdgeIndex> = view
        .incident_edges(person)
        .filter(|(edge, _, outgoing)| *outgoing && graph.kind(*edge).is_office())
        .map(|(edge, _, _)| edge)
        .collect();
    offices
        .iter()
        .find(|e| graph.kind(**e) == RelationKind::Leads)
        .or(offices.first())
        .copied()
}

/// The analytic sections of the briefing.
struct Analytics {
    alignments: Vec<Alignment>,
    alignment_states: Option<usize>,
    blocs: Blocs,
    balance: Balance,
    brokers: Vec<Score>,
    brokers_estimate: Option<Estimate>,
}

/// Computes the analytic sections. They are independent: the brokers'
/// betweenness starts first (the longest), the signed network is built
/// meanwhile, then blocs and balance run on it beside the alignments.
fn analytics(view: &View<'_>) -> Analytics {
    let graph = view.graph();
    let (found, network, blocs_found, balance_found, (alignments, alignment_states)) =
        std::thread::scope(|scope| {
            let brokers = scope.spawn(move || {
                centrality_within(
                    graph,
                    &centrality::scope(view, &[]),
                    Measure::Betweenness,
                    false,
                    BROKERS_WORK,
                )
            });
            let network = SignedNetwork::build(view, &[]);
            let (blocs_found, balance_found, aligned) = std::thread::scope(|inner| {
                let net = &network;
                let blocs_found = inner.spawn(move || blocs_within(net, 0.5, None, ANALYSIS_WORK));
                let balance_found = inner
                    .spawn(move || balance_within(net, false, Some(DEFAULT_LIMIT), ANALYSIS_WORK));
                let aligned = strongest_among(view, BRIEFING_TOP, ALIGNMENT_STATES);
                (
                    blocs_found.join().expect("blocs thread"),
                    balance_found.join().expect("balance thread"),
                    aligned,
                )
            });
            (
                brokers.join().expect("brokers thread"),
                network,
                blocs_found,
                balance_found,
                aligned,
            )
        });
    drop(network);
    let mut brokers = found.scores;
    brokers.retain(|s| graph.entity_kind(s.node) == EntityKind::Country && s.score > 0.0);
    brokers.truncate(BRIEFING_TOP);
    Analytics {
        alignments,
        alignment_states,
        blocs: blocs_found,
        balance: balance_found,
        brokers,
        brokers_estimate: found.estimate,
    }
}
