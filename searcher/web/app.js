// Marsad's search page. The whole state lives in the URL; data comes from /api; every piece of report
// text reaches the page as a text node, never as HTML.
'use strict';

(function marsadPage() {
  const PAGE_SIZE = 10;
  const MAX_OFFSET = 10000;  // the deepest offset the API serves
  const MAX_PAGE = Math.floor(MAX_OFFSET / PAGE_SIZE) + 1;
  const FACET_SIZE = 10;
  const FACET_SIZE_EXPANDED = 50;
  const CHIPS_PER_KIND = 6;
  const GROUPS_PER_STEP = 20;
  const MAX_FILLED_BUCKETS = 400;
  const FACET_DIMS = ['actor', 'place', 'claim', 'claimant', 'source'];
  const ENTITY_DIMS = ['actor', 'place', 'claimant'];
  const TABS = ['results', 'claims', 'toll'];
  const SORTS = ['relevance', '-date', 'date'];
  const INTERVALS = ['auto', 'day', 'week', 'month', 'year'];
  const CLAIM_TYPES = ['casualties', 'destruction', 'attack', 'territorial', 'ceasefire_call', 'mediation',
    'refusal', 'mobilisation', 'foreign_involvement', 'denial', 'threat', 'humanitarian'];
  const TOKEN_KEY = 'marsad.token';
  const UNATTRIBUTED = '\u0000unattributed';
  // Colour-blind-safe first (Okabe–Ito), then a few more distinct hues.
  const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8a6d00', '#56b4e9', '#6a3d9a', '#b2182b',
    '#1b7837', '#444444'];
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

  // ---------------------------------------------------------------- interface strings

  const STRINGS = {
    ar: {
      pageTitle: 'مرصد — البحث في تقارير النزاعات',
      skipToResults: 'انتقل إلى النتائج',
      tagline: 'البحث في تقارير النزاعات المسلحة',
      searchLabel: 'كلمات البحث',
      searchPlaceholder: 'ابحث بكلمة أو عبارة أو مرشح',
      searchButton: 'بحث',
      syntaxTitle: 'طريقة كتابة الاستعلام',
      syntaxPhrase: 'عبارة كما هي',
      syntaxOr: 'أيّ الكلمتين',
      syntaxNot: 'استبعاد كلمة',
      syntaxFields: 'فاعل ومكان (معرّف، أو اسم عربي أو إنجليزي)',
      syntaxClaims: 'نوع الادعاء والجهة التي أطلقته',
      syntaxDates: 'مدة زمنية (يوم أو شهر أو سنة)',
      tokenNeeded: 'يتطلب هذا الخادم رمز دخول.',
      tokenWrong: 'رُفض رمز الدخول. أدخله من جديد.',
      tokenLabel: 'رمز الدخول',
      tokenSubmit: 'متابعة',
      tabsLabel: 'طرق العرض',
      tabResults: 'التقارير',
      tabClaims: 'الادعاءات',
      tabToll: 'متتبّع الحصيلة',
      showFilters: 'إظهار المرشحات',
      hideFilters: 'إخفاء المرشحات',
      filtersLabel: 'المرشحات',
      filtersHeading: 'تصفية النتائج',
      timelineTitle: 'التوزيع الزمني',
      timelineHint: 'انقر عمودًا لحصر النتائج في مدته، أو اسحب عبر عدة أعمدة.',
      intervalLabel: 'الفترة',
      intervalAuto: 'تلقائي',
      intervalDay: 'يوم',
      intervalWeek: 'أسبوع',
      intervalMonth: 'شهر',
      intervalYear: 'سنة',
      clearDates: 'إلغاء تحديد المدة',
      pagesLabel: 'الصفحات',
      claimsIntro: 'ادعاءات من النوع نفسه عن المكان نفسه في الفترة نفسها، جنبًا إلى جنب، لمقارنة أرقام كل جهة.',
      tollTypeLabel: 'نوع الادعاء',
      tollWhatLabel: 'ما يُحصى',
      tollLog: 'مقياس لوغاريتمي',
      tollIntro: 'أرقام كل جهة عبر الزمن بحسب تاريخ الادعاء. كل نقطة تفتح تقريرها.',
      footer: 'مرصد: محرك بحث في التقارير العربية عن النزاعات المسلحة. الأرقام كما وردت في التقارير، ولم يُتحقق منها.',
      facet_actor: 'الفاعلون',
      facet_place: 'الأماكن',
      facet_claim: 'أنواع الادعاءات',
      facet_claimant: 'الجهات المصرِّحة',
      facet_source: 'المصادر',
      facetClear: 'مسح',
      facetClearLabel: 'مسح اختيارات {facet}',
      facetEmpty: 'لا قيم هنا.',
      facetMoreCount: 'و{n} غيرها',
      facetHidden: '{n} أخرى',
      showMore: 'عرض المزيد',
      showLess: 'عرض أقل',
      activeFilters: 'المرشحات:',
      clearAll: 'مسح كل المرشحات',
      removeFilter: 'إزالة المرشح: {label}',
      dateFromTo: 'التاريخ: {from} – {to}',
      dateFrom: 'التاريخ: من {from}',
      dateTo: 'التاريخ: حتى {to}',
      selectedSpan: 'المدة المحددة: {span}',
      totalLabel: 'عدد التقارير:',
      totalLabelStories: 'عدد الأخبار:',
      collapseLabel: 'نتيجة واحدة لكل خبر',
      collapseTitle: 'تظهر نسخ البرقية الواحدة التي نقلتها عدة وسائل إعلام نتيجةً واحدة، وتُعدّ الأخبار لا التقارير.',
      countsIn_reports: 'الأعداد بالتقارير',
      countsIn_stories: 'الأعداد بالأخبار (نسخ البرقية الواحدة خبر واحد)',
      storyCarried: 'نقلته {outlets}:',
      storyFirst: 'أول من نشره: {source}، {date}',
      storyAll: 'كل تقاريره ({reports})',
      storyLabel: 'الخبر في وسائل الإعلام',
      pageOf: 'الصفحة {page} من {pages}',
      sortLabel: 'الترتيب',
      sort_relevance: 'الأكثر صلة',
      'sort_-date': 'الأحدث أولًا',
      sort_date: 'الأقدم أولًا',
      relaxed: 'لم تجتمع كل كلمات البحث إلا في {n}؛ لذا تُعرض أيضًا التقارير التي فيها بعضها، وأولها ما فيها جميعها.',
      partial: 'إجابة جزئية: لم يُجب من أقسام الفهرس {shards}، فالأعداد لا تشمل ما فيه.',
      claimsRead: 'الادعاءات من أكثر {read} صلةً بالبحث من أصل {reports}؛ ضيّق البحث لتشملها كلها.',
      loading: 'جارٍ التحميل…',
      noResults: 'لا توجد تقارير تطابق هذا البحث.',
      noResultsHint: 'جرّب كلمات أقل، أو OR بين البدائل، أو أزل بعض المرشحات.',
      welcome: 'ابدأ بكلمة أو عبارة، أو اختر قيمة من المرشحات.',
      indexHolds: 'يضم الفهرس {n}، من {first} إلى {last}.',
      indexHoldsStories: 'يضم الفهرس {n} في {stories}، من {first} إلى {last}.',
      largestStories: 'أكثر الأخبار نقلًا',
      error_0: 'تعذّر الاتصال بالخادم.',
      error_400: 'تعذّر فهم الاستعلام أو أحد المرشحات.',
      error_401: 'رمز الدخول مرفوض.',
      error_404: 'لم يُعثر على المطلوب.',
      error_413: 'الطلب أكبر من المسموح به.',
      error_414: 'الطلب أطول من المسموح به.',
      error_503: 'الفهرس غير متاح الآن. أعد المحاولة بعد قليل.',
      error_other: 'حدث خطأ في الخادم.',
      serverSaid: 'رسالة الخادم:',
      untitled: '(بلا عنوان)',
      undated: 'دون تاريخ',
      permalink: 'رابط التقرير في مرصد',
      chipsActor: 'الفاعلون',
      chipsPlace: 'الأماكن',
      chipsClaim: 'الادعاءات',
      chipAdd: 'تصفية بحسب: {label}',
      chipRemove: 'إزالة التصفية بحسب: {label}',
      moreChips: '+{n}',
      moreChipsLabel: 'إظهار {n} أخرى',
      claimsNeedQuery: 'ابحث أو اختر مرشحًا لعرض الادعاءات.',
      noClaims: 'لا ادعاءات بأرقام أو بأسماء جهات في هذه التقارير.',
      claimsSummary: 'مجموعات الادعاءات: {groups} · من {reports}',
      contested: 'أرقام متعارضة',
      unattributed: 'دون نسبة',
      noPlace: 'دون مكان',
      weekOf: 'أسبوع {date}',
      noFigures: 'دون أرقام',
      asWritten: 'كما ورد: {surface}',
      claimantReports: 'التقارير:',
      spreadLine: '{what}: من {low} إلى {high}',
      spreadRatio: '{ratio}×',
      sentencesTitle: 'الجمل التي وردت فيها الادعاءات',
      flag_unverified: 'لم يُتحقق منه',
      flag_hedged: 'بصيغة الظن',
      flag_negated: 'منفي',
      moreGroups: 'عرض مزيد من المجموعات',
      tollNoData: 'لا أرقام من هذا النوع في التقارير المطابقة.',
      tollLeftOut: 'أرقام بلا تاريخ أو بلا عدد محدد لم تُرسم: {n}.',
      tollChartLabel: 'أرقام «{what}» بحسب الجهة عبر الزمن',
      tollLegend: 'الجهات',
      tollTable: 'الأرقام في جدول',
      colClaimant: 'الجهة',
      colDate: 'التاريخ',
      colFigure: 'الرقم',
      colReport: 'التقرير',
      pointTitle: '{claimant} — {date}: {figure} ({report})',
      previous: 'السابق',
      next: 'التالي',
      pageN: 'الصفحة {n}',
      barLabel: '{bucket}: {count}',
      'reports.zero': 'لا تقارير',
      'reports.one': 'تقرير واحد',
      'reports.two': 'تقريران',
      'reports.few': '{n} تقارير',
      'reports.many': '{n} تقريرًا',
      'reports.other': '{n} تقرير',
      'stories.zero': 'لا أخبار',
      'stories.one': 'خبر واحد',
      'stories.two': 'خبران',
      'stories.few': '{n} أخبار',
      'stories.many': '{n} خبرًا',
      'stories.other': '{n} خبر',
      'outlets.zero': 'لا وسائل إعلام',
      'outlets.one': 'وسيلة إعلام واحدة',
      'outlets.two': 'وسيلتا إعلام',
      'outlets.few': '{n} وسائل إعلام',
      'outlets.many': '{n} وسيلة إعلام',
      'outlets.other': '{n} وسيلة إعلام',
      'claimants.zero': 'لا جهات',
      'claimants.one': 'جهة واحدة',
      'claimants.two': 'جهتان',
      'claimants.few': '{n} جهات',
      'claimants.many': '{n} جهة',
      'claimants.other': '{n} جهة',
      listSep: '، ',
    },
    en: {
      pageTitle: 'Marsad — search conflict reporting',
      skipToResults: 'Skip to results',
      tagline: 'Search Arabic reporting on armed conflict',
      searchLabel: 'Search words',
      searchPlaceholder: 'Search words, phrases or fields',
      searchButton: 'Search',
      syntaxTitle: 'How to write a query',
      syntaxPhrase: 'an exact phrase',
      syntaxOr: 'either word',
      syntaxNot: 'leave a word out',
      syntaxFields: 'an actor and a place (id, Arabic or English name)',
      syntaxClaims: 'a claim type and who made it',
      syntaxDates: 'a period (day, month or year)',
      tokenNeeded: 'This server asks for an access token.',
      tokenWrong: 'The token was refused. Please enter it again.',
      tokenLabel: 'Access token',
      tokenSubmit: 'Continue',
      tabsLabel: 'Views',
      tabResults: 'Reports',
      tabClaims: 'Claims',
      tabToll: 'Toll tracker',
      showFilters: 'Show filters',
      hideFilters: 'Hide filters',
      filtersLabel: 'Filters',
      filtersHeading: 'Narrow the results',
      timelineTitle: 'Timeline',
      timelineHint: 'Click a bar to keep its period, or drag across several bars.',
      intervalLabel: 'Bars by',
      intervalAuto: 'automatic',
      intervalDay: 'day',
      intervalWeek: 'week',
      intervalMonth: 'month',
      intervalYear: 'year',
      clearDates: 'Clear the period',
      pagesLabel: 'Pages',
      claimsIntro: 'Claims of one type about one place in one period, side by side, to compare the figures each claimant gives.',
      tollTypeLabel: 'Claim type',
      tollWhatLabel: 'Counting',
      tollLog: 'Logarithmic scale',
      tollIntro: 'Each claimant’s figures over time, by the date of the claim. Every point opens its report.',
      footer: 'Marsad: a search engine for Arabic reports on armed conflict. Figures are as the reports give them, unverified.',
      facet_actor: 'Actors',
      facet_place: 'Places',
      facet_claim: 'Claim types',
      facet_claimant: 'Claimants',
      facet_source: 'Sources',
      facetClear: 'Clear',
      facetClearLabel: 'Clear the {facet} choices',
      facetEmpty: 'Nothing here.',
      facetMoreCount: 'and {n} more',
      facetHidden: '{n} more',
      showMore: 'Show more',
      showLess: 'Show fewer',
      activeFilters: 'Filters:',
      clearAll: 'Clear all filters',
      removeFilter: 'Remove the filter: {label}',
      dateFromTo: 'Date: {from} – {to}',
      dateFrom: 'Date: from {from}',
      dateTo: 'Date: up to {to}',
      selectedSpan: 'Selected period: {span}',
      totalLabel: 'Reports:',
      totalLabelStories: 'Stories:',
      collapseLabel: 'One hit per story',
      collapseTitle: 'Copies of one dispatch carried by several outlets show as one hit, and stories are counted rather than reports.',
      countsIn_reports: 'Counts are reports',
      countsIn_stories: 'Counts are stories (the copies of a dispatch are one story)',
      storyCarried: 'Carried by {outlets}:',
      storyFirst: 'First: {source}, {date}',
      storyAll: 'All {reports}',
      storyLabel: 'The story across outlets',
      pageOf: 'page {page} of {pages}',
      sortLabel: 'Order',
      sort_relevance: 'Most relevant',
      'sort_-date': 'Newest first',
      sort_date: 'Oldest first',
      relaxed: 'Only {n} have every search word, so reports with some of them are shown too, those with all of them first.',
      partial: 'Partial answer: {shards} of the index did not answer, so the counts leave out what it holds.',
      claimsRead: 'Claims of the {read} most relevant of {reports}: narrow the search to see them all.',
      loading: 'Loading…',
      noResults: 'No report matches this search.',
      noResultsHint: 'Try fewer words, OR between alternatives, or remove some filters.',
      welcome: 'Start with a word or a phrase, or pick a value from the filters.',
      indexHolds: 'The index holds {n}, from {first} to {last}.',
      indexHoldsStories: 'The index holds {n} in {stories}, from {first} to {last}.',
      largestStories: 'Most carried stories',
      error_0: 'The server could not be reached.',
      error_400: 'The query or one of the filters could not be read.',
      error_401: 'The access token was refused.',
      error_404: 'Not found.',
      error_413: 'The request is too large.',
      error_414: 'The request is too long.',
      error_503: 'The index is unavailable right now. Please try again shortly.',
      error_other: 'The server ran into an error.',
      serverSaid: 'The server said:',
      untitled: '(untitled)',
      undated: 'undated',
      permalink: 'This report in Marsad',
      chipsActor: 'Actors',
      chipsPlace: 'Places',
      chipsClaim: 'Claims',
      chipAdd: 'Filter by {label}',
      chipRemove: 'Stop filtering by {label}',
      moreChips: '+{n}',
      moreChipsLabel: 'Show {n} more',
      claimsNeedQuery: 'Search or pick a filter to see the claims.',
      noClaims: 'These reports hold no claims with figures or named claimants.',
      claimsSummary: 'Claim groups: {groups} · from {reports}',
      contested: 'conflicting figures',
      unattributed: 'unattributed',
      noPlace: 'no place',
      weekOf: 'week of {date}',
      noFigures: 'no figures',
      asWritten: 'as written: {surface}',
      claimantReports: 'Reports:',
      spreadLine: '{what}: {low}–{high}',
      spreadRatio: '{ratio}×',
      sentencesTitle: 'Sentences the claims come from',
      flag_unverified: 'unverified',
      flag_hedged: 'hedged',
      flag_negated: 'negated',
      moreGroups: 'Show more groups',
      tollNoData: 'No figures of this kind in the matching reports.',
      tollLeftOut: 'Figures without a date or an exact count are not drawn: {n}.',
      tollChartLabel: '“{what}” figures by claimant over time',
      tollLegend: 'Claimants',
      tollTable: 'The figures as a table',
      colClaimant: 'Claimant',
      colDate: 'Date',
      colFigure: 'Figure',
      colReport: 'Report',
      pointTitle: '{claimant} — {date}: {figure} ({report})',
      previous: 'Previous',
      next: 'Next',
      pageN: 'Page {n}',
      barLabel: '{bucket}: {count}',
      'reports.zero': 'no reports',
      'reports.one': '1 report',
      'reports.two': '2 reports',
      'reports.few': '{n} reports',
      'reports.many': '{n} reports',
      'reports.other': '{n} reports',
      'stories.zero': 'no stories',
      'stories.one': '1 story',
      'stories.two': '2 stories',
      'stories.few': '{n} stories',
      'stories.many': '{n} stories',
      'stories.other': '{n} stories',
      'outlets.zero': 'no outlets',
      'outlets.one': '1 outlet',
      'outlets.two': '2 outlets',
      'outlets.few': '{n} outlets',
      'outlets.many': '{n} outlets',
      'outlets.other': '{n} outlets',
      'claimants.zero': 'no claimants',
      'claimants.one': '1 claimant',
      'claimants.two': '2 claimants',
      'claimants.few': '{n} claimants',
      'claimants.many': '{n} claimants',
      'claimants.other': '{n} claimants',
      listSep: ', ',
    },
  };

  const CLAIM_TYPE_NAMES = {
    ar: {
      casualties: 'خسائر بشرية', destruction: 'دمار', attack: 'هجوم', territorial: 'سيطرة ميدانية',
      ceasefire_call: 'دعوة إلى وقف إطلاق النار', mediation: 'وساطة', refusal: 'رفض', mobilisation: 'تعبئة',
      foreign_involvement: 'تدخل أجنبي', denial: 'نفي', threat: 'تهديد', humanitarian: 'وضع إنساني',
    },
    en: {
      casualties: 'casualties', destruction: 'destruction', attack: 'attack', territorial: 'territorial control',
      ceasefire_call: 'ceasefire call', mediation: 'mediation', refusal: 'refusal', mobilisation: 'mobilisation',
      foreign_involvement: 'foreign involvement', denial: 'denial', threat: 'threat', humanitarian: 'humanitarian',
    },
  };

  const FIGURE_WHAT_NAMES = {
    ar: {
      killed: 'قتلى', wounded: 'جرحى', missing: 'مفقودون', captured: 'أسرى', displaced: 'نازحون',
      casualties: 'ضحايا (قتلى وجرحى)', people: 'أشخاص', fighters: 'مقاتلون', troops: 'جنود',
      reservists: 'جنود احتياط', recruits: 'مجنّدون', volunteers: 'متطوعون', advisers: 'مستشارون',
      refugees: 'لاجئون', evacuated: 'من أُجلوا', besieged: 'محاصرون', malnourished: 'مصابون بسوء التغذية',
      strikes: 'غارات', attacks: 'هجمات', sorties: 'طلعات جوية', missiles: 'صواريخ', shells: 'قذائف',
      bombs: 'قنابل', barrel_bombs: 'براميل متفجرة', drones: 'مسيّرات', mines: 'ألغام', violations: 'خروقات',
      downed: 'ما أُسقط', destroyed: 'ما دُمّر', damaged: 'ما تضرر', seized: 'ما استولي عليه',
      destroyed_tanks: 'دبابات مدمّرة', destroyed_vehicles: 'آليات مدمّرة', destroyed_aircraft: 'طائرات مدمّرة',
      destroyed_drones: 'مسيّرات مدمّرة', destroyed_buildings: 'مبانٍ مدمّرة', other: 'أخرى',
    },
    en: {
      barrel_bombs: 'barrel bombs', destroyed_tanks: 'destroyed tanks', destroyed_vehicles: 'destroyed vehicles',
      destroyed_aircraft: 'destroyed aircraft', destroyed_drones: 'destroyed drones',
      destroyed_buildings: 'destroyed buildings', casualties: 'casualties (killed and wounded)',
    },
  };

  const FIGURE_GROUP_NAMES = {
    ar: {
      civilians: 'مدنيون', fighters: 'مقاتلون', soldiers: 'جنود', police: 'شرطة', children: 'أطفال',
      women: 'نساء', men: 'رجال', elderly: 'مسنّون', journalists: 'صحفيون', medics: 'مسعفون',
      aid_workers: 'عاملو إغاثة', migrants: 'مهاجرون', refugees: 'لاجئون', displaced: 'نازحون',
      prisoners: 'سجناء', hostages: 'رهائن', detainees: 'معتقلون', abducted: 'مختطفون', victims: 'ضحايا',
      families: 'عائلات', people: 'أشخاص',
    },
    en: { aid_workers: 'aid workers' },
  };

  // Qualifiers that read as words before the number; the others go in the note after it.
  const QUALIFIER_BEFORE = {
    ar: { more_than: 'أكثر من', at_least: 'ما لا يقل عن', about: 'نحو', less_than: 'أقل من' },
    en: { more_than: 'more than', at_least: 'at least', about: 'about', less_than: 'fewer than' },
  };
  const QUALIFIER_NOTE = {
    ar: {
      official: 'رسمي', unofficial: 'غير رسمي', partial: 'جزئي', provisional: 'مؤقت', preliminary: 'أولي',
      final: 'نهائي', so_far: 'حتى الآن', range: 'نطاق', vague: 'تقديري', damaged: 'متضرر', disabled: 'معطّل',
      burned: 'محترق',
    },
    en: { so_far: 'so far' },
  };

  const VAGUE_NAMES = {
    ar: {
      dozens: 'عشرات', hundreds: 'مئات', thousands: 'آلاف', tens_of_thousands: 'عشرات الآلاف',
      hundreds_of_thousands: 'مئات الآلاف', millions: 'ملايين', few: 'بضعة', several: 'عدة',
    },
    en: { tens_of_thousands: 'tens of thousands', hundreds_of_thousands: 'hundreds of thousands' },
  };

  // ---------------------------------------------------------------- page state

  let current = parseState(location.search);
  let loadSeq = 0;
  let loadController = null;
  const expandedFacets = new Set();
  const expandedHits = new Set();
  let groupsShown = GROUPS_PER_STEP;
  const responseCache = new Map();
  const labelCache = new Map();  // entity id → {ar, en}
  let entitiesPromise = null;
  let tokenPrompt = null;
  let memoryToken = '';  // the token when sessionStorage is unavailable
  // What the views last drew, so that a resize or new labels redraw without fetching again.
  const lastDrawn = { overview: null, toll: null };
  const formatters = new Map();

  function emptyState() {
    return {
      q: '', actor: [], place: [], claim: [], claimant: [], source: [], from: '', to: '',
      sort: 'relevance', interval: 'auto', page: 1, tab: 'results', lang: 'ar', ttype: 'casualties', twhat: '',
      tscale: 'linear', collapse: true,
    };
  }

  function oneOf(value, allowed, fallback) {
    return allowed.includes(value) ? value : fallback;
  }

  function parseState(search) {
    const params = new URLSearchParams(search);
    const state = emptyState();
    state.q = (params.get('q') || '').trim();
    for (const dim of FACET_DIMS) {
      state[dim] = [...new Set(params.getAll(dim).map((v) => v.trim()).filter(Boolean))];
    }
    state.from = DATE_RE.test(params.get('from') || '') ? params.get('from') : '';
    state.to = DATE_RE.test(params.get('to') || '') ? params.get('to') : '';
    state.sort = oneOf(params.get('sort'), SORTS, 'relevance');
    state.interval = oneOf(params.get('interval'), INTERVALS, 'auto');
    const page = Number.parseInt(params.get('page') || '1', 10);
    state.page = Number.isFinite(page) && page > 0 ? Math.min(page, MAX_PAGE) : 1;
    state.tab = oneOf(params.get('tab'), TABS, 'results');
    state.lang = oneOf(params.get('lang'), ['ar', 'en'], 'ar');
    state.ttype = (params.get('ttype') || 'casualties').trim() || 'casualties';
    state.twhat = (params.get('twhat') || '').trim();
    state.tscale = oneOf(params.get('tscale'), ['linear', 'log'], 'linear');
    state.collapse = params.get('collapse') !== '0';
    return state;
  }

  // Readable query strings: ':' and ',' stay as they are, which keeps `?q=id:a-005` legible.
  function encodeParam(value) {
    return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  }

  function joinParams(pairs) {
    return pairs.map(([k, v]) => `${k}=${encodeParam(String(v))}`).join('&');
  }

  function statePairs(state) {
    const pairs = [];
    if (state.q) pairs.push(['q', state.q]);
    for (const dim of FACET_DIMS) for (const v of state[dim]) pairs.push([dim, v]);
    if (state.from) pairs.push(['from', state.from]);
    if (state.to) pairs.push(['to', state.to]);
    if (state.sort !== 'relevance') pairs.push(['sort', state.sort]);
    if (!state.collapse) pairs.push(['collapse', 0]);
    if (state.interval !== 'auto') pairs.push(['interval', state.interval]);
    if (state.page > 1) pairs.push(['page', state.page]);
    if (state.tab !== 'results') pairs.push(['tab', state.tab]);
    if (state.ttype !== 'casualties') pairs.push(['ttype', state.ttype]);
    if (state.twhat) pairs.push(['twhat', state.twhat]);
    if (state.tscale !== 'linear') pairs.push(['tscale', state.tscale]);
    if (state.lang !== 'ar') pairs.push(['lang', state.lang]);
    return pairs;
  }

  function stateUrl(state) {
    const query = joinParams(statePairs(state));
    return query ? `?${query}` : location.pathname;
  }

  /** field:value for the query box; a value with spaces or quotes is quoted, its quotes doubled. */
  function fieldQuery(field, value) {
    return /[\s"()]/.test(value) ? `${field}:"${value.replace(/"/g, '""')}"` : `${field}:${value}`;
  }

  /** A link to one report shown by the page itself, in the current language. */
  function reportHref(reportId) {
    return stateUrl({ ...emptyState(), q: fieldQuery('id', reportId), lang: current.lang });
  }

  /** Every report of a story, one hit each. */
  function storyHref(storyId) {
    return stateUrl({ ...emptyState(), q: fieldQuery('story', storyId), collapse: false, lang: current.lang });
  }

  function hasCriteria(state) {
    return Boolean(state.q || state.from || state.to || FACET_DIMS.some((dim) => state[dim].length));
  }

  function hasFilters(state) {
    return Boolean(state.from || state.to || FACET_DIMS.some((dim) => state[dim].length));
  }

  /** Moves to a new state: a new history entry (none when nothing changed), then the page follows. */
  function go(changes) {
    const next = { ...current, ...changes };
    const url = stateUrl(next);
    if (url !== location.pathname + location.search) history.pushState(null, '', url);
    current = next;
    groupsShown = GROUPS_PER_STEP;
    load();
  }

  function withPageReset(changes) {
    return { ...changes, page: 1 };
  }

  // ---------------------------------------------------------------- text and formatting

  function t(key, params) {
    const table = STRINGS[current.lang] || STRINGS.ar;
    let text = key in table ? table[key] : (STRINGS.ar[key] || key);
    if (params) {
      text = text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
    }
    return text;
  }

  function locale() {
    return current.lang === 'en' ? 'en-GB' : 'ar-u-nu-latn';
  }

  /** Intl formatters are costly to build and the page formats thousands of values: one of each kind. */
  function formatter(kind, localeName, options) {
    const key = `${kind}|${localeName}|${JSON.stringify(options)}`;
    if (!formatters.has(key)) formatters.set(key, new Intl[kind](localeName, options));
    return formatters.get(key);
  }

  function formatNumber(n) {
    return formatter('NumberFormat', current.lang === 'en' ? 'en-US' : 'ar-u-nu-latn', {}).format(n);
  }

  function plural(kind, n) {
    const category = formatter('PluralRules', current.lang === 'en' ? 'en' : 'ar', {}).select(n);
    const key = `${kind}.${n === 0 ? 'zero' : category}`;
    return t(key, { n: formatNumber(n) });
  }

  function utcDate(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
  }

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  function formatDate(iso) {
    if (!iso) return t('undated');
    if (!DATE_RE.test(iso)) return iso;
    const options = { timeZone: 'UTC', year: 'numeric' };
    if (iso.length >= 7) options.month = 'long';
    if (iso.length === 10) options.day = 'numeric';
    return formatter('DateTimeFormat', locale(), options).format(utcDate(iso));
  }

  function formatShortDate(iso, withDay) {
    const options = { timeZone: 'UTC', year: 'numeric', month: 'short' };
    if (withDay) options.day = 'numeric';
    return formatter('DateTimeFormat', locale(), options).format(utcDate(iso));
  }

  function claimTypeName(type) {
    return CLAIM_TYPE_NAMES[current.lang][type] || type.replace(/_/g, ' ');
  }

  function lookupName(tables, key) {
    if (!key) return '';
    return tables[current.lang][key] || key.replace(/_/g, ' ');
  }

  function whatName(what) {
    return lookupName(FIGURE_WHAT_NAMES, what);
  }

  /** "killed: more than 100 (civilians; preliminary)" from a figure of the claims JSON. */
  function formatFigure(figure) {
    const qualifiers = (figure.qualifier || '').split(';').map((q) => q.trim()).filter(Boolean);
    const before = qualifiers.map((q) => QUALIFIER_BEFORE[current.lang][q]).filter(Boolean);
    const notes = qualifiers.filter((q) => !QUALIFIER_BEFORE[current.lang][q]).map((q) => lookupName(QUALIFIER_NOTE, q));
    if (figure.group) notes.unshift(lookupName(FIGURE_GROUP_NAMES, figure.group));
    let amount;
    if (figure.count !== null && figure.count !== undefined) amount = formatNumber(figure.count);
    else amount = figure.vague ? lookupName(VAGUE_NAMES, figure.vague) : (figure.text || '?');
    let text = `${whatName(figure.what)}: ${[...before, amount].join(' ')}`;
    if (notes.length) text += ` (${notes.join(t('listSep'))})`;
    return text;
  }

  function periodLabel(period, interval) {
    if (!period) return t('undated');
    if (interval === 'week') return t('weekOf', { date: formatDate(period) });
    return formatDate(period);
  }

  // ---------------------------------------------------------------- entity labels

  function rememberLabel(id, labelAr, labelEn) {
    if (!id || id.startsWith('unlinked:') || (!labelAr && !labelEn)) return;
    const known = labelCache.get(id) || { ar: '', en: '' };
    labelCache.set(id, { ar: labelAr || known.ar, en: labelEn || known.en });
  }

  function rememberFacetLabels(facets) {
    for (const dim of ENTITY_DIMS) {
      for (const value of (facets && facets[dim]) || []) rememberLabel(value.id, value.label_ar, value.label_en);
    }
  }

  function entityName(id) {
    if (id.startsWith('unlinked:')) return id.slice('unlinked:'.length);
    const known = labelCache.get(id);
    if (!known) return id;
    return current.lang === 'en' ? (known.en || known.ar || id) : (known.ar || known.en || id);
  }

  function isLabelled(id) {
    return id.startsWith('unlinked:') || labelCache.has(id);
  }

  function facetValueName(dim, id) {
    if (dim === 'claim') return claimTypeName(id);
    if (dim === 'source') return id;
    return entityName(id);
  }

  /** Labels for ids the facets did not label: the entity list, fetched once and only when needed. */
  function ensureEntityLabels(ids) {
    if (entitiesPromise || ids.every(isLabelled)) return;
    entitiesPromise = apiGet('/api/entities', null, undefined)
      .then((entities) => {
        for (const entity of Array.isArray(entities) ? entities : []) {
          const aliases = Array.isArray(entity.aliases) ? entity.aliases : [];
          if (!labelCache.has(entity.id)) rememberLabel(entity.id, aliases[0] || '', entity.label_en || '');
        }
        relabel();
      })
      .catch(() => { /* labels stay as ids; the page works without them */ });
  }

  /** Puts fresh labels into what is on screen without fetching anything again. */
  function relabel() {
    for (const node of document.querySelectorAll('[data-entity]')) {
      node.textContent = entityName(node.dataset.entity);
    }
    if (current.tab === 'toll' && lastDrawn.toll) renderToll(lastDrawn.toll);
  }

  // ---------------------------------------------------------------- DOM helpers

  function applyProps(node, props) {
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'style') throw new Error('inline styles are refused by the page policy');
      else node.setAttribute(key, value === true ? '' : String(value));
    }
  }

  function appendChildren(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  /** An HTML element; strings among the children become text nodes. */
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    applyProps(node, props);
    appendChildren(node, children);
    return node;
  }

  function svg(tag, props, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    applyProps(node, props);
    appendChildren(node, children);
    return node;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  /** Report URLs open only when they are web addresses: a javascript: URL from a record must not run. */
  function safeWebUrl(url) {
    if (!url || typeof url !== 'string') return '';
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '';
    } catch (err) {
      return '';
    }
  }

  /** Focus survives a re-render: the element with the same data-focus-key takes it back. */
  function rememberFocus() {
    const active = document.activeElement;
    return active && active.dataset ? active.dataset.focusKey || '' : '';
  }

  function restoreFocus(key) {
    if (!key || (document.activeElement && document.activeElement !== document.body)) return;
    const target = document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (target) target.focus({ preventScroll: true });
  }

  function internalLink(href, props, ...children) {
    return h('a', { ...props, href, class: `internal ${(props && props.class) || ''}`.trim() }, ...children);
  }

  // ---------------------------------------------------------------- the API

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  function readToken() {
    try {
      return sessionStorage.getItem(TOKEN_KEY) || '';
    } catch (err) {
      return '';
    }
  }

  function storeToken(token) {
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch (err) { /* private mode: the token lasts as long as the page */ }
    memoryToken = token;
  }

  /** Shows the token form once for every call that met a 401; resolves when the user gives one. */
  function askForToken(rejected) {
    if (tokenPrompt) return tokenPrompt;
    const form = byId('token-form');
    byId('token-message').textContent = t(rejected ? 'tokenWrong' : 'tokenNeeded');
    form.hidden = false;
    byId('token-input').value = '';
    byId('token-input').focus();
    tokenPrompt = new Promise((resolve) => {
      form.onsubmit = (event) => {
        event.preventDefault();
        const token = byId('token-input').value.trim();
        if (!token) return;
        storeToken(token);
        form.hidden = true;
        form.onsubmit = null;
        tokenPrompt = null;
        resolve();
      };
    });
    return tokenPrompt;
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch (err) {
      return null;
    }
  }

  /** GET of an /api path as JSON, with the token when there is one; a 401 asks for it and retries. */
  async function apiGet(path, params, signal) {
    const url = params ? `${path}?${params}` : path;
    for (;;) {
      const token = readToken() || memoryToken;
      const headers = { Accept: 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      let response;
      try {
        response = await fetch(url, { headers, signal, credentials: 'same-origin' });
      } catch (err) {
        if (err.name === 'AbortError') throw err;
        throw new ApiError(0, '');
      }
      if (response.status === 401) {
        await askForToken(Boolean(token));
        continue;
      }
      const body = await readJson(response);
      if (!response.ok) {
        const message = body && body.error && typeof body.error.message === 'string' ? body.error.message : '';
        throw new ApiError(response.status, message);
      }
      if (body === null) throw new ApiError(response.status, 'the answer was not JSON');
      return body;
    }
  }

  /** Answers already seen are kept for a while, so that Back and a change of language are instant. */
  async function cachedGet(path, params, signal) {
    const key = `${path}?${params}`;
    if (responseCache.has(key)) return responseCache.get(key);
    const body = await apiGet(path, params, signal);
    responseCache.set(key, body);
    if (responseCache.size > 40) responseCache.delete(responseCache.keys().next().value);
    return body;
  }

  function filterParams(state) {
    const pairs = [];
    if (state.q) pairs.push(['q', state.q]);
    for (const dim of FACET_DIMS) for (const v of state[dim]) pairs.push([dim, v]);
    if (state.from) pairs.push(['from', state.from]);
    if (state.to) pairs.push(['to', state.to]);
    return pairs;
  }

  function facetSize() {
    return expandedFacets.size ? FACET_SIZE_EXPANDED : FACET_SIZE;
  }

  function countPairs(state) {
    return state.collapse ? [['count', 'stories']] : [];
  }

  function searchQuery(state) {
    return joinParams([
      ...filterParams(state),
      ['limit', PAGE_SIZE], ['offset', (state.page - 1) * PAGE_SIZE], ['sort', state.sort],
      ['facets', 1], ['facet_size', facetSize()], ['interval', state.interval],
      ...(state.collapse ? [['collapse', 1]] : []), ...countPairs(state),
    ]);
  }

  function statsQuery(state) {
    return joinParams([['interval', state.interval], ['facet_size', facetSize()], ...countPairs(state)]);
  }

  /** What the counts of an answer count: the answer says so; /api/stats counts what it was asked to. */
  function countUnit(state, data) {
    if (data && (data.count === 'stories' || data.count === 'reports')) return data.count;
    return state.collapse && !hasCriteria(state) ? 'stories' : 'reports';
  }

  function claimGroupsQuery(state) {
    return joinParams([...filterParams(state), ['group', 1], ['interval', state.interval]]);
  }

  function tollQuery(state) {
    const pairs = filterParams(state);
    if (!state.claim.includes(state.ttype)) pairs.push(['claim', state.ttype]);
    return joinParams(pairs);
  }

  // ---------------------------------------------------------------- loading

  /** Fetches what the state needs and draws it; an answer that arrives after a newer state is dropped. */
  function load() {
    const state = current;
    const seq = ++loadSeq;
    if (loadController) loadController.abort();
    loadController = new AbortController();
    const signal = loadController.signal;
    renderChrome(state);
    setLoading(true);
    const isCurrent = () => seq === loadSeq;
    const tasks = [loadOverview(state, signal, isCurrent)];
    if (state.tab === 'claims') tasks.push(loadClaimGroups(state, signal, isCurrent));
    if (state.tab === 'toll') tasks.push(loadToll(state, signal, isCurrent));
    Promise.all(tasks).then(() => {
      if (!isCurrent()) return;
      setLoading(false);
      // The number of the last load that finished: scripts and tests wait on it.
      byId('main').dataset.loaded = String(seq);
    });
  }

  function isAbort(err) {
    return err && err.name === 'AbortError';
  }

  async function loadOverview(state, signal, isCurrent) {
    const focusKey = rememberFocus();
    try {
      const data = hasCriteria(state)
        ? await cachedGet('/api/search', searchQuery(state), signal)
        : await cachedGet('/api/stats', statsQuery(state), signal);
      if (!isCurrent()) return;
      lastDrawn.overview = { state, data };
      renderOverview(state, data);
      restoreFocus(focusKey);
    } catch (err) {
      if (isAbort(err) || !isCurrent()) return;
      lastDrawn.overview = null;
      renderOverviewError(state, err);
    }
  }

  async function loadClaimGroups(state, signal, isCurrent) {
    const body = byId('claims-body');
    if (!hasCriteria(state)) {
      body.replaceChildren(h('p', { class: 'notice' }, t('claimsNeedQuery')));
      return;
    }
    try {
      const data = await cachedGet('/api/claims', claimGroupsQuery(state), signal);
      if (!isCurrent()) return;
      renderClaimGroups(data);
    } catch (err) {
      if (isAbort(err) || !isCurrent()) return;
      body.replaceChildren(errorBox(err));
    }
  }

  async function loadToll(state, signal, isCurrent) {
    try {
      const data = await cachedGet('/api/claims', tollQuery(state), signal);
      if (!isCurrent()) return;
      lastDrawn.toll = { state, data };
      renderToll(lastDrawn.toll);
    } catch (err) {
      if (isAbort(err) || !isCurrent()) return;
      lastDrawn.toll = null;
      byId('toll-body').replaceChildren(errorBox(err));
    }
  }

  function setLoading(loading) {
    byId('status').textContent = loading ? t('loading') : '';
    byId('main').setAttribute('aria-busy', loading ? 'true' : 'false');
  }

  // ---------------------------------------------------------------- errors

  function errorBox(err) {
    const status = err instanceof ApiError ? err.status : -1;
    const known = [0, 400, 401, 404, 413, 414, 503];
    const title = t(known.includes(status) ? `error_${status}` : 'error_other');
    const box = h('div', { class: 'error', role: 'alert' }, h('p', { class: 'error-title' }, title));
    const message = err instanceof ApiError ? err.message : String(err && err.message ? err.message : err);
    if (message) {
      box.append(h('p', { class: 'error-message' }, t('serverSaid')), h('code', { class: 'error-detail', dir: 'auto' }, message));
    }
    return box;
  }

  function renderOverviewError(state, err) {
    const head = byId('results-head');
    head.replaceChildren(errorBox(err));
    byId('hits').replaceChildren();
    byId('pagination').replaceChildren();
    byId('histogram').replaceChildren();
    byId('timeline').hidden = true;
    renderFacets(state, { facets: {}, facets_more: {} });
  }

  // ---------------------------------------------------------------- chrome: language, tabs, inputs

  function renderChrome(state) {
    const root = document.documentElement;
    root.lang = state.lang;
    root.dir = state.lang === 'en' ? 'ltr' : 'rtl';
    document.title = state.q ? `${state.q} — ${t('pageTitle')}` : t('pageTitle');
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    }
    for (const node of document.querySelectorAll('[data-i18n-aria-label]')) {
      node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
    }
    const toggle = byId('lang-toggle');
    toggle.textContent = state.lang === 'en' ? 'العربية' : 'English';
    toggle.lang = state.lang === 'en' ? 'ar' : 'en';
    if (document.activeElement !== byId('q')) byId('q').value = state.q;
    byId('interval-select').value = state.interval;
    renderTabs(state);
    renderActiveFilters(state);
    renderFacetsToggle();
    byId('date-clear').hidden = !(state.from || state.to);
    renderTollTypeSelect(state);
    byId('toll-log').checked = state.tscale === 'log';
  }

  function renderTabs(state) {
    for (const tab of TABS) {
      const button = byId(`tab-${tab}`);
      const selected = tab === state.tab;
      button.setAttribute('aria-selected', selected ? 'true' : 'false');
      button.tabIndex = selected ? 0 : -1;
      byId(`panel-${tab}`).hidden = !selected;
    }
  }

  function renderFacetsToggle() {
    const open = byId('layout').classList.contains('facets-open');
    const toggle = byId('facets-toggle');
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    toggle.textContent = t(open ? 'hideFilters' : 'showFilters');
  }

  function filterLabel(dim, value) {
    return `${t(`facet_${dim}`)}: ${facetValueName(dim, value)}`;
  }

  /** Left-to-right isolation, so that "2020-09" keeps its order inside Arabic text. */
  function ltr(text) {
    return `\u2066${text}\u2069`;
  }

  /** First-strong isolation, so that a name of either direction keeps its place in the sentence around it. */
  function isolate(text) {
    return `\u2068${text}\u2069`;
  }

  function dateFilterLabel(state) {
    if (state.from && state.to) return t('dateFromTo', { from: ltr(state.from), to: ltr(state.to) });
    return state.from ? t('dateFrom', { from: ltr(state.from) }) : t('dateTo', { to: ltr(state.to) });
  }

  function dateSpanText(state) {
    return `${ltr(state.from || '…')} – ${ltr(state.to || '…')}`;
  }

  function renderActiveFilters(state) {
    const bar = byId('active-filters');
    if (!hasFilters(state)) {
      bar.hidden = true;
      bar.replaceChildren();
      return;
    }
    const chips = [];
    for (const dim of FACET_DIMS) {
      for (const value of state[dim]) {
        const label = filterLabel(dim, value);
        chips.push(h('button', {
          type: 'button', class: `filter-chip dim-${dim}`, 'aria-label': t('removeFilter', { label }),
          'data-focus-key': `active:${dim}:${value}`,
          onclick: () => go(withPageReset({ [dim]: current[dim].filter((v) => v !== value) })),
        }, h('span', { dir: 'auto' }, label), h('span', { class: 'remove', 'aria-hidden': 'true' }, '×')));
      }
    }
    if (state.from || state.to) {
      const label = dateFilterLabel(state);
      chips.push(h('button', {
        type: 'button', class: 'filter-chip dim-date', 'aria-label': t('removeFilter', { label }),
        onclick: () => go(withPageReset({ from: '', to: '' })),
      }, h('span', null, label), h('span', { class: 'remove', 'aria-hidden': 'true' }, '×')));
    }
    bar.replaceChildren(
      h('span', { class: 'active-label' }, t('activeFilters')),
      ...chips,
      h('button', { type: 'button', id: 'clear-all', class: 'link-button', onclick: clearAllFilters }, t('clearAll')),
    );
    bar.hidden = false;
  }

  function clearAllFilters() {
    const cleared = { from: '', to: '' };
    for (const dim of FACET_DIMS) cleared[dim] = [];
    go(withPageReset(cleared));
  }

  // ---------------------------------------------------------------- overview: facets, timeline, hits

  function renderOverview(state, data) {
    rememberFacetLabels(data.facets);
    renderActiveFilters(state);
    renderFacets(state, data);
    renderHistogram(state, data);
    if (hasCriteria(state)) renderResults(state, data);
    else renderWelcome(state, data);
  }

  function renderFacets(state, data) {
    const root = byId('facets');
    const unit = countUnit(state, data);
    const panels = FACET_DIMS.map((dim) => renderFacetPanel(
      state, dim, (data.facets && data.facets[dim]) || [], (data.facets_more && data.facets_more[dim]) || 0, unit));
    root.replaceChildren(h('h2', { class: 'facets-title' }, t('filtersHeading')),
      h('p', { class: 'facets-unit', 'data-unit': unit }, t(`countsIn_${unit}`)), ...panels);
  }

  function renderFacetPanel(state, dim, values, more, unit) {
    const selected = state[dim];
    const expanded = expandedFacets.has(dim);
    const shown = expanded ? values : values.slice(0, FACET_SIZE);
    // A chosen value outside the list still shows, ticked, so that it can be unticked.
    const missing = selected.filter((id) => !shown.some((v) => v.id === id));
    const items = [
      ...missing.map((id) => facetItem(dim, values.find((v) => v.id === id) || { id, count: null }, true, unit)),
      ...shown.map((value) => facetItem(dim, value, selected.includes(value.id), unit)),
    ];
    const headingId = `facet-title-${dim}`;
    const head = h('div', { class: 'facet-head' }, h('h3', { id: headingId }, t(`facet_${dim}`)));
    if (selected.length) {
      head.append(h('button', {
        type: 'button', class: 'link-button facet-clear', 'data-focus-key': `facet-clear:${dim}`,
        'aria-label': t('facetClearLabel', { facet: t(`facet_${dim}`) }),
        onclick: () => go(withPageReset({ [dim]: [] })),
      }, t('facetClear')));
    }
    const section = h('section', { class: 'facet', 'data-dim': dim, 'aria-labelledby': headingId }, head);
    section.append(items.length ? h('ul', { class: 'facet-values' }, items) : h('p', { class: 'facet-empty' }, t('facetEmpty')));
    const hidden = values.length - shown.length + more;
    if (values.length > FACET_SIZE || (more > 0 && !expanded)) {
      section.append(h('button', {
        type: 'button', class: 'link-button facet-more', 'data-focus-key': `facet-more:${dim}`,
        onclick: () => toggleFacetExpansion(dim),
      }, expanded ? t('showLess') : `${t('showMore')} (${t('facetHidden', { n: formatNumber(hidden) })})`));
    } else if (more > 0) {
      section.append(h('p', { class: 'facet-rest' }, t('facetMoreCount', { n: formatNumber(more) })));
    }
    return section;
  }

  function facetItem(dim, value, checked, unit) {
    const name = facetValueName(dim, value.id);
    const labelProps = { class: 'facet-label', dir: 'auto' };
    if (ENTITY_DIMS.includes(dim)) labelProps['data-entity'] = value.id;
    const input = h('input', {
      type: 'checkbox', value: value.id, checked, 'data-focus-key': `facet:${dim}:${value.id}`,
      onchange: (event) => toggleFilter(dim, value.id, event.target.checked),
    });
    return h('li', { class: checked ? 'is-selected' : null },
      h('label', { title: value.id },
        input,
        h('span', labelProps, name),
        value.count === null ? null
          : h('span', { class: 'facet-count', title: plural(unit, value.count) }, formatNumber(value.count))));
  }

  function toggleFilter(dim, id, on) {
    const values = current[dim].filter((v) => v !== id);
    if (on) values.push(id);
    go(withPageReset({ [dim]: values }));
  }

  function toggleFacetExpansion(dim) {
    if (expandedFacets.has(dim)) expandedFacets.delete(dim);
    else expandedFacets.add(dim);
    load();
  }

  function renderWelcome(state, data) {
    const head = byId('results-head');
    const parts = [h('p', { class: 'welcome' }, t('welcome'))];
    if (typeof data.documents === 'number') {
      const span = { n: plural('reports', data.documents), first: formatDate(data.first_date), last: formatDate(data.last_date) };
      parts.push(typeof data.stories === 'number'
        ? h('p', { class: 'index-info' }, t('indexHoldsStories', { ...span, stories: plural('stories', data.stories) }))
        : h('p', { class: 'index-info' }, t('indexHolds', span)));
    }
    const carried = (Array.isArray(data.largest_stories) ? data.largest_stories : [])
      .filter((story) => story && story.reports > 1);
    if (carried.length) {
      parts.push(h('section', { class: 'largest-stories', 'aria-labelledby': 'largest-stories-title' },
        h('h2', { id: 'largest-stories-title' }, t('largestStories')),
        h('ul', null, carried.map((story) => h('li', null, storyDetails(state, story))))));
    }
    head.replaceChildren(...parts);
    byId('hits').replaceChildren();
    byId('pagination').replaceChildren();
  }

  function renderResults(state, data) {
    const total = data.total && typeof data.total.value === 'number' ? data.total.value : 0;
    const pages = Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / PAGE_SIZE)));
    renderResultsHead(state, data, total, pages);
    const hits = Array.isArray(data.hits) ? data.hits : [];
    const list = byId('hits');
    list.start = (state.page - 1) * PAGE_SIZE + 1;
    list.replaceChildren(...hits.map((hit) => renderHit(state, hit)));
    if (!hits.length) {
      list.append(h('li', { class: 'empty' },
        h('p', { class: 'empty-title' }, t('noResults')), h('p', { class: 'hint' }, t('noResultsHint'))));
    }
    renderPagination(state, pages);
    const unlabelled = hits.flatMap((hit) => [...(hit.actors || []), ...(hit.places || [])]);
    ensureEntityLabels(unlabelled);
  }

  function renderResultsHead(state, data, total, pages) {
    const unit = countUnit(state, data);
    const count = h('p', { class: 'total', 'data-unit': unit },
      h('span', { class: 'total-label' }, t(unit === 'stories' ? 'totalLabelStories' : 'totalLabel')), ' ',
      h('strong', { id: 'total-value' }, formatNumber(total)),
      total > PAGE_SIZE ? h('span', { class: 'page-of' }, ` · ${t('pageOf', { page: formatNumber(state.page), pages: formatNumber(pages) })}`) : null);
    const sort = h('select', {
      id: 'sort-select', 'data-focus-key': 'sort',
      onchange: (event) => go(withPageReset({ sort: event.target.value })),
    }, SORTS.map((value) => h('option', { value, selected: value === state.sort }, t(`sort_${value}`))));
    const collapse = h('label', { class: 'inline-check collapse-switch', title: t('collapseTitle') },
      h('input', {
        type: 'checkbox', id: 'collapse-toggle', checked: state.collapse, 'data-focus-key': 'collapse',
        onchange: (event) => go(withPageReset({ collapse: event.target.checked })),
      }),
      h('span', null, t('collapseLabel')));
    const parts = [h('div', { class: 'results-bar' }, count,
      h('div', { class: 'results-options' }, collapse,
        h('label', { class: 'inline-select' }, h('span', null, t('sortLabel')), sort)))];
    if (data.relaxed && typeof data.strict_total === 'number') {
      parts.push(h('p', { class: 'notice' }, t('relaxed', { n: plural(unit, data.strict_total) })));
    }
    const partial = partialNotice(data);
    if (partial) parts.unshift(partial);
    byId('results-head').replaceChildren(...parts);
  }

  /** When the claims were read from the most relevant matching reports only, not all of them. */
  function readNotice(data) {
    const read = Number(data.reports_read), reports = Number(data.reports);
    if (!(read < reports)) return null;
    return h('p', { class: 'notice read' }, t('claimsRead', { read: formatNumber(read), reports: plural('reports', reports) }));
  }

  // An answer from some shards only (marsad-search serve --allow-partial): which ones are missing.
  function partialNotice(data) {
    if (!data.partial || !Array.isArray(data.failed_shards)) return null;
    const shards = data.failed_shards.map((f) => String(f.shard)).join(current.lang === 'en' ? ', ' : '، ');
    return h('p', { class: 'notice partial', role: 'alert' }, t('partial', { shards }));
  }

  function renderHit(state, hit) {
    const titleText = hit.title || t('untitled');
    const url = safeWebUrl(hit.url);
    const title = url
      ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank', class: 'hit-link' }, titleText)
      : h('span', null, titleText);
    const meta = h('p', { class: 'hit-meta' },
      h('span', { class: 'hit-date' }, hit.date ? h('time', { datetime: hit.date }, formatDate(hit.date)) : t('undated')),
      hit.source ? h('button', {
        type: 'button', class: 'hit-source link-button', dir: 'auto', title: t('chipAdd', { label: hit.source }),
        onclick: () => addFilter('source', hit.source),
      }, hit.source) : null,
      internalLink(reportHref(hit.id), { class: 'hit-id', title: t('permalink'), dir: 'ltr' }, hit.id));
    const story = hit.story && hit.story.reports > 1
      ? h('div', { class: 'hit-story', role: 'group', 'aria-label': t('storyLabel') }, storyDetails(state, hit.story))
      : null;
    return h('li', { class: 'hit' },
      h('h3', { class: 'hit-title', dir: 'auto' }, title),
      meta,
      hit.snippet ? h('p', { class: 'hit-snippet', dir: 'auto' }, snippetNodes(hit.snippet)) : null,
      story,
      renderChips(state, hit));
  }

  /**
   * A story of several reports: the outlets that carried it, its first report, and a link to all of
   * them (left out on the page that already lists them).
   */
  function storyDetails(state, story) {
    const id = String(story.id);
    const outlets = (Array.isArray(story.outlets) ? story.outlets : []).map(String);
    const first = story.first || {};
    const sep = t('listSep');
    const listed = !state.collapse && state.q === fieldQuery('story', id);
    return [
      h('p', { class: 'story-outlets' },
        h('span', { class: 'story-carried' }, t('storyCarried', { outlets: plural('outlets', outlets.length) })), ' ',
        outlets.map((outlet, i) => [i ? sep : null, h('span', { class: 'story-outlet', dir: 'auto' }, outlet)])),
      h('p', { class: 'story-first' },
        h('span', { class: 'story-first-report' },
          t('storyFirst', { source: isolate(first.source || '?'), date: isolate(formatDate(first.date)) }),
          first.id ? [' ', internalLink(reportHref(String(first.id)), { class: 'hit-id story-first-id', dir: 'ltr', title: t('permalink') },
            String(first.id))] : null),
        listed ? null : internalLink(storyHref(id), { class: 'story-all', 'data-story': id },
          t('storyAll', { reports: plural('reports', Number(story.reports) || 0) }))),
    ];
  }

  /** The snippet with its [bracketed] matches as <mark>, built from text nodes only. */
  function snippetNodes(snippet) {
    const nodes = [];
    const pattern = /\[([^[\]]+)\]/g;
    let last = 0;
    let match;
    while ((match = pattern.exec(snippet)) !== null) {
      if (match.index > last) nodes.push(snippet.slice(last, match.index));
      nodes.push(h('mark', null, match[1]));
      last = pattern.lastIndex;
    }
    if (last < snippet.length) nodes.push(snippet.slice(last));
    return nodes;
  }

  function renderChips(state, hit) {
    const groups = [
      ['actor', hit.actors, 'chipsActor'],
      ['place', hit.places, 'chipsPlace'],
      ['claim', hit.claims, 'chipsClaim'],
    ].filter(([, ids]) => Array.isArray(ids) && ids.length);
    if (!groups.length) return null;
    return h('div', { class: 'chips' }, groups.map(([dim, ids, labelKey]) => chipGroup(state, hit.id, dim, ids, labelKey)));
  }

  function chipGroup(state, hitId, dim, ids, labelKey) {
    const key = `${hitId}\u0000${dim}`;
    const all = expandedHits.has(key);
    const shown = all ? ids : ids.slice(0, CHIPS_PER_KIND);
    const list = h('ul', { class: 'chip-list', 'aria-label': t(labelKey) },
      shown.map((id) => h('li', null, chipButton(state, dim, id))));
    if (ids.length > shown.length) {
      const rest = ids.length - shown.length;
      list.append(h('li', null, h('button', {
        type: 'button', class: 'chip chip-more', dir: 'ltr', 'aria-label': t('moreChipsLabel', { n: rest }),
        onclick: (event) => {
          expandedHits.add(key);
          event.currentTarget.closest('.chip-group').replaceWith(chipGroup(current, hitId, dim, ids, labelKey));
        },
      }, t('moreChips', { n: formatNumber(rest) }))));
    }
    return h('div', { class: `chip-group chips-${dim}` }, h('span', { class: 'chip-kind' }, t(labelKey)), list);
  }

  function chipButton(state, dim, id) {
    const selected = state[dim].includes(id);
    const name = facetValueName(dim, id);
    const props = {
      type: 'button', class: `chip chip-${dim}`, dir: 'auto', 'aria-pressed': selected ? 'true' : 'false',
      title: t(selected ? 'chipRemove' : 'chipAdd', { label: name }),
      onclick: () => toggleFilter(dim, id, !current[dim].includes(id)),
    };
    if (ENTITY_DIMS.includes(dim)) props['data-entity'] = id;
    return h('button', props, name);
  }

  function addFilter(dim, id) {
    if (!current[dim].includes(id)) toggleFilter(dim, id, true);
  }

  function renderPagination(state, pages) {
    const nav = byId('pagination');
    if (pages <= 1) {
      nav.replaceChildren();
      return;
    }
    const button = (label, page, extra) => h('button', {
      type: 'button', class: 'page-button', disabled: page < 1 || page > pages || undefined,
      'data-focus-key': `page:${extra && extra.key ? extra.key : page}`,
      'aria-label': extra && extra.aria ? extra.aria : null,
      'aria-current': page === state.page && !(extra && extra.key) ? 'page' : null,
      onclick: () => goToPage(page),
    }, label);
    const items = [button(t('previous'), state.page - 1, { key: 'prev' })];
    for (const page of pageWindow(state.page, pages)) {
      items.push(page === null
        ? h('span', { class: 'page-gap', 'aria-hidden': 'true' }, '…')
        : button(formatNumber(page), page, { aria: t('pageN', { n: page }) }));
    }
    items.push(button(t('next'), state.page + 1, { key: 'next' }));
    nav.replaceChildren(...items);
  }

  /** Page numbers around the current one, with the first and the last; null marks a gap. */
  function pageWindow(page, pages) {
    const wanted = new Set([1, pages]);
    for (let p = page - 2; p <= page + 2; p += 1) if (p >= 1 && p <= pages) wanted.add(p);
    const sorted = [...wanted].sort((a, b) => a - b);
    const out = [];
    sorted.forEach((p, i) => {
      if (i > 0 && p - sorted[i - 1] > 1) out.push(null);
      out.push(p);
    });
    return out;
  }

  function goToPage(page) {
    go({ page });
    byId('panel-results').scrollIntoView({ block: 'start' });
  }

  // ---------------------------------------------------------------- the date histogram

  function bucketKind(key, interval) {
    if (key.length === 4) return 'year';
    if (key.length === 7) return 'month';
    return interval === 'week' ? 'week' : 'day';
  }

  function addDays(iso, days) {
    const date = utcDate(iso);
    date.setUTCDate(date.getUTCDate() + days);
    return isoDay(date);
  }

  function lastDayOfMonth(yearMonth) {
    const [y, m] = yearMonth.split('-').map(Number);
    return `${yearMonth}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  }

  /** The days a bucket covers, and the from/to that ask for them. */
  function bucketSpan(key, interval) {
    const kind = bucketKind(key, interval);
    if (kind === 'year') return { from: key, to: key, start: `${key}-01-01`, end: `${key}-12-31` };
    if (kind === 'month') return { from: key, to: key, start: `${key}-01`, end: lastDayOfMonth(key) };
    if (kind === 'week') return { from: key, to: addDays(key, 6), start: key, end: addDays(key, 6) };
    return { from: key, to: key, start: key, end: key };
  }

  function nextBucket(key, interval) {
    const kind = bucketKind(key, interval);
    if (kind === 'year') return String(Number(key) + 1);
    if (kind === 'month') {
      const [y, m] = key.split('-').map(Number);
      return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    }
    return addDays(key, kind === 'week' ? 7 : 1);
  }

  /** Empty periods get an empty bar, so that the bars keep time's proportions. */
  function fillGaps(dated, interval) {
    if (dated.length < 2) return dated;
    const counts = new Map(dated.map((b) => [b.bucket, b.count]));
    const out = [];
    const last = dated[dated.length - 1].bucket;
    for (let key = dated[0].bucket; key <= last; key = nextBucket(key, interval)) {
      if (out.length > MAX_FILLED_BUCKETS) return dated;
      out.push({ bucket: key, count: counts.get(key) || 0 });
    }
    return out;
  }

  function expandStart(date) {
    if (!date) return '';
    if (date.length === 4) return `${date}-01-01`;
    if (date.length === 7) return `${date}-01`;
    return date;
  }

  function expandEnd(date) {
    if (!date) return '';
    if (date.length === 4) return `${date}-12-31`;
    if (date.length === 7) return lastDayOfMonth(date);
    return date;
  }

  function inSelection(span, state) {
    if (!state.from && !state.to) return false;
    const from = expandStart(state.from);
    const to = expandEnd(state.to);
    return (!from || span.end >= from) && (!to || span.start <= to);
  }

  function histogramModel(state, data) {
    const interval = data.date_interval || 'month';
    const all = (data.facets && data.facets.date) || [];
    const dated = all.filter((b) => b.bucket).sort((a, b) => (a.bucket < b.bucket ? -1 : 1));
    const undated = all.filter((b) => !b.bucket).reduce((sum, b) => sum + b.count, 0);
    const buckets = fillGaps(dated, interval).map((b) => ({ ...b, span: bucketSpan(b.bucket, interval) }));
    return { interval, buckets, undated, unit: countUnit(state, data) };
  }

  function bucketTitle(bucket, interval) {
    const kind = bucketKind(bucket, interval);
    const label = kind === 'week' ? t('weekOf', { date: formatDate(bucket) }) : formatDate(bucket);
    return label;
  }

  function renderHistogram(state, data) {
    const container = byId('histogram');
    const model = histogramModel(state, data);
    const selectedNote = state.from || state.to
      ? h('p', { class: 'selected-span' }, t('selectedSpan', { span: dateSpanText(state) }))
      : null;
    byId('timeline').hidden = !model.buckets.length && !model.undated && !state.from && !state.to;
    if (!model.buckets.length && !model.undated) {
      container.replaceChildren();
      if (selectedNote) container.append(selectedNote);
      return;
    }
    const width = Math.max(280, container.clientWidth || 600);
    const height = 150;
    const layout = histogramLayout(model, width, height);
    const chart = svg('svg', {
      class: 'histogram-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group',
      'aria-label': t('timelineTitle'),
    });
    // One bar is a tab stop; the arrow keys move between bars.
    const firstSelected = model.buckets.findIndex((b) => inSelection(b.span, state));
    const tabbable = firstSelected >= 0 ? firstSelected : model.buckets.length - 1;
    model.buckets.forEach((bucket, index) => chart.append(histogramBar(state, model, layout, bucket, index, index === tabbable)));
    if (model.undated) chart.append(undatedBar(model, layout));
    chart.append(...histogramAxis(model, layout));
    attachHistogramDrag(chart, model, layout);
    container.replaceChildren(chart);
    if (selectedNote) container.append(selectedNote);
  }

  function histogramLayout(model, width, height) {
    const top = 16;
    const bottom = 22;
    const side = 8;
    const undatedGap = model.undated ? 16 : 0;
    const slots = model.buckets.length + (model.undated ? 1 : 0);
    const slot = (width - side * 2 - undatedGap) / Math.max(1, slots);
    const max = Math.max(1, model.undated, ...model.buckets.map((b) => b.count));
    const plot = height - top - bottom;
    return {
      width, height, top, bottom, side, slot, plot, max,
      x: (index) => side + index * slot,
      undatedX: side + model.buckets.length * slot + undatedGap,
      barHeight: (count) => (count ? Math.max(2, (count / max) * plot) : 0),
    };
  }

  function histogramBar(state, model, layout, bucket, index, tabbable) {
    const x = layout.x(index);
    const barWidth = Math.max(1, layout.slot * 0.78);
    const barHeight = layout.barHeight(bucket.count);
    const selected = inSelection(bucket.span, state);
    const label = t('barLabel', { bucket: bucketTitle(bucket.bucket, model.interval), count: plural(model.unit, bucket.count) });
    const group = svg('g', {
      class: `bar-group${selected ? ' selected' : ''}${state.from || state.to ? ' has-selection' : ''}`,
      tabindex: tabbable ? 0 : -1, role: 'button', 'aria-label': label, 'data-index': index,
      'data-bucket': bucket.bucket, 'data-focus-key': `bar:${bucket.bucket}`,
      onkeydown: (event) => onBarKeydown(event, model, index),
    },
    svg('title', null, label),
    svg('rect', { class: 'bar-hit', x, y: layout.top, width: layout.slot, height: layout.plot }),
    svg('rect', {
      class: 'bar', x: x + (layout.slot - barWidth) / 2, y: layout.top + layout.plot - barHeight,
      width: barWidth, height: barHeight,
    }));
    if (bucket.count && layout.slot >= 24) {
      group.append(svg('text', {
        class: 'bar-count', x: x + layout.slot / 2, y: layout.top + layout.plot - barHeight - 3, 'text-anchor': 'middle',
      }, formatNumber(bucket.count)));
    }
    return group;
  }

  function onBarKeydown(event, model, index) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      selectBuckets(model, index, index);
      return;
    }
    const last = model.buckets.length - 1;
    // The chart runs left to right in both languages: ArrowRight is later in time.
    const target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const bars = event.currentTarget.parentNode.querySelectorAll('.bar-group');
    const next = bars[Math.max(0, Math.min(last, target))];
    for (const bar of bars) bar.setAttribute('tabindex', bar === next ? '0' : '-1');
    next.focus();
  }

  function undatedBar(model, layout) {
    const barWidth = Math.max(4, Math.min(layout.slot * 0.78, 40));
    const barHeight = layout.barHeight(model.undated);
    const x = layout.undatedX + (layout.slot - barWidth) / 2;
    const label = t('barLabel', { bucket: t('undated'), count: plural(model.unit, model.undated) });
    return svg('g', { class: 'bar-undated' },
      svg('title', null, label),
      svg('rect', { class: 'bar', x, y: layout.top + layout.plot - barHeight, width: barWidth, height: barHeight }),
      svg('text', {
        class: 'bar-count', x: layout.undatedX + layout.slot / 2, y: layout.top + layout.plot - barHeight - 3,
        'text-anchor': 'middle',
      }, formatNumber(model.undated)),
      svg('text', {
        class: 'axis-label', x: layout.undatedX + layout.slot / 2, y: layout.height - 6, 'text-anchor': 'middle',
      }, t('undated')));
  }

  function histogramAxis(model, layout) {
    const nodes = [svg('line', {
      class: 'axis-line', x1: layout.side, x2: layout.x(model.buckets.length),
      y1: layout.top + layout.plot + 0.5, y2: layout.top + layout.plot + 0.5,
    })];
    const every = Math.max(1, Math.ceil(84 / layout.slot));
    const halfLabel = 34;  // about half the width of "2020-10-05" at 11px
    model.buckets.forEach((bucket, index) => {
      if (index % every !== 0) return;
      // A label at either end is anchored inside the chart rather than cut by its edge.
      let x = layout.x(index) + layout.slot / 2;
      let anchor = 'middle';
      if (x < halfLabel) {
        x = Math.max(0, layout.x(index));
        anchor = 'start';
      } else if (x > layout.width - halfLabel) {
        x = Math.min(layout.width, layout.x(index) + layout.slot);
        anchor = 'end';
      }
      nodes.push(svg('text', { class: 'axis-label', x, y: layout.height - 6, 'text-anchor': anchor }, bucket.bucket));
    });
    return nodes;
  }

  function selectBuckets(model, first, last) {
    const lo = Math.min(first, last);
    const hi = Math.max(first, last);
    go(withPageReset({ from: model.buckets[lo].span.from, to: model.buckets[hi].span.to }));
  }

  /** Pressing on a bar and releasing on another selects every bar between them. */
  function attachHistogramDrag(chart, model, layout) {
    let drag = null;
    const indexAt = (event) => {
      const box = chart.getBoundingClientRect();
      const x = ((event.clientX - box.left) * layout.width) / Math.max(1, box.width);
      return Math.floor((x - layout.side) / layout.slot);
    };
    const clamp = (i) => Math.min(model.buckets.length - 1, Math.max(0, i));
    const paint = () => {
      const lo = drag ? Math.min(drag.start, drag.end) : -1;
      const hi = drag ? Math.max(drag.start, drag.end) : -1;
      for (const g of chart.querySelectorAll('.bar-group')) {
        const i = Number(g.dataset.index);
        g.classList.toggle('dragging', i >= lo && i <= hi);
      }
    };
    chart.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 || !event.target.closest('.bar-group')) return;
      const index = indexAt(event);
      if (index < 0 || index >= model.buckets.length) return;
      drag = { start: index, end: index };
      chart.setPointerCapture(event.pointerId);
      chart.classList.add('is-dragging');
      paint();
    });
    chart.addEventListener('pointermove', (event) => {
      if (!drag) return;
      drag.end = clamp(indexAt(event));
      paint();
    });
    chart.addEventListener('pointerup', () => {
      if (!drag) return;
      const { start, end } = drag;
      drag = null;
      chart.classList.remove('is-dragging');
      selectBuckets(model, start, end);
    });
    chart.addEventListener('pointercancel', () => {
      drag = null;
      chart.classList.remove('is-dragging');
      paint();
    });
  }

  // ---------------------------------------------------------------- the claims tab

  function claimantName(claimant) {
    if (!claimant || claimant.id === null || claimant.id === undefined) return t('unattributed');
    rememberLabel(claimant.id, claimant.label_ar, claimant.label_en);
    if (claimant.id.startsWith('unlinked:')) return claimant.surface || entityName(claimant.id);
    const name = entityName(claimant.id);
    return name === claimant.id && claimant.surface ? claimant.surface : name;
  }

  function placeName(place) {
    if (!place) return t('noPlace');
    rememberLabel(place.id, place.label_ar, place.label_en);
    return entityName(place.id);
  }

  function renderClaimGroups(data) {
    const body = byId('claims-body');
    const groups = Array.isArray(data.groups) ? data.groups : [];
    if (!groups.length) {
      body.replaceChildren(...[partialNotice(data), readNotice(data), h('p', { class: 'notice' }, t('noClaims'))].filter(Boolean));
      return;
    }
    const summary = h('p', { class: 'claims-summary' }, t('claimsSummary', {
      groups: formatNumber(groups.length), reports: plural('reports', data.reports || 0),
    }));
    const list = h('div', { class: 'claim-groups' }, groups.slice(0, groupsShown).map(renderClaimGroup));
    body.replaceChildren(...[partialNotice(data), readNotice(data), summary, list].filter(Boolean));
    if (groups.length > groupsShown) {
      body.append(h('button', {
        type: 'button', class: 'more-groups', onclick: () => {
          groupsShown += GROUPS_PER_STEP;
          renderClaimGroups(data);
        },
      }, t('moreGroups')));
    }
  }

  function renderClaimGroup(group) {
    const title = [claimTypeName(group.type), placeName(group.place), periodLabel(group.period, group.interval)];
    const head = h('header', { class: 'group-head' },
      h('h3', null, title.map((part, i) => [i ? h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ') : null,
        h('span', { dir: 'auto' }, part)])),
      group.contested ? h('span', { class: 'badge contested' }, t('contested')) : null);
    const claimants = h('div', { class: 'claimants' }, (group.claimants || []).map(renderClaimantCard));
    const spreads = (group.spreads || []).length
      ? h('ul', { class: 'spreads' }, group.spreads.map((s) => h('li', { class: 'spread' }, spreadText(s))))
      : null;
    const claims = group.claims || [];
    const sentences = claims.length ? h('details', { class: 'sentences', open: claims.length <= 6 },
      h('summary', null, `${t('sentencesTitle')} (${formatNumber(claims.length)})`),
      h('ol', { class: 'claim-sentences' }, claims.map(renderClaimSentence))) : null;
    return h('article', { class: `claim-group${group.contested ? ' is-contested' : ''}` }, head, claimants, spreads, sentences);
  }

  function renderClaimantCard(claimant) {
    const name = claimantName(claimant);
    const figures = (claimant.figures || []);
    const surface = claimant.surface && claimant.surface !== name ? h('p', { class: 'surface', dir: 'auto' },
      t('asWritten', { surface: claimant.surface })) : null;
    const reports = (claimant.reports || []).map((id, i) => [i ? ' ' : null,
      internalLink(reportHref(id), { class: 'report-ref', dir: 'ltr' }, id)]);
    return h('section', { class: `claimant-card${figures.length ? ' has-figures' : ''}` },
      h('h4', { dir: 'auto' }, name),
      surface,
      figures.length
        ? h('ul', { class: 'figures' }, figures.map((f) => h('li', { class: 'figure' }, formatFigure(f))))
        : h('p', { class: 'no-figures' }, t('noFigures')),
      reports.length ? h('p', { class: 'claimant-reports' }, t('claimantReports'), ' ', reports) : null);
  }

  function spreadText(spread) {
    let text = t('spreadLine', { what: whatName(spread.what), low: formatNumber(spread.low), high: formatNumber(spread.high) });
    const notes = [];
    if (spread.ratio > 0 && spread.high !== spread.low) notes.push(t('spreadRatio', { ratio: formatNumber(Math.round(spread.ratio * 10) / 10) }));
    notes.push(plural('claimants', spread.claimants || 0));
    text += ` (${notes.join(t('listSep'))})`;
    return text;
  }

  function renderClaimSentence(claim) {
    const flags = ['unverified', 'hedged', 'negated'].filter((f) => claim[f])
      .map((f) => h('span', { class: `flag flag-${f}` }, t(`flag_${f}`)));
    return h('li', { class: 'claim-sentence' },
      h('blockquote', { dir: 'auto' }, claim.sentence || ''),
      h('p', { class: 'claim-meta' },
        h('span', { class: 'claim-claimant', dir: 'auto' }, claimantName(claim.claimant)),
        h('span', null, formatDate(claim.date)),
        (claim.figures || []).map((f) => h('span', { class: 'claim-figure' }, formatFigure(f))),
        flags,
        internalLink(reportHref(claim.report_id), { class: 'claim-report', dir: 'auto' }, claim.title || claim.report_id),
        claimCarried(claim)));
  }

  /** A claim that copies of one story repeat is one row: the outlets that carried it. */
  function claimCarried(claim) {
    const outlets = (Array.isArray(claim.outlets) ? claim.outlets : []).map(String);
    if (outlets.length < 2) return null;
    return h('span', { class: 'claim-carried' }, t('storyCarried', { outlets: plural('outlets', outlets.length) }), ' ',
      outlets.map((outlet, i) => [i ? t('listSep') : null, h('span', { dir: 'auto' }, outlet)]));
  }

  // ---------------------------------------------------------------- the toll tracker

  function renderTollTypeSelect(state) {
    const select = byId('toll-type');
    const types = CLAIM_TYPES.includes(state.ttype) ? CLAIM_TYPES : [...CLAIM_TYPES, state.ttype];
    select.replaceChildren(...types.map((type) => h('option', { value: type, selected: type === state.ttype }, claimTypeName(type))));
    select.value = state.ttype;
  }

  /** How often each kind of figure has an exact count among the claims of the type. */
  function figureKinds(claims, type) {
    const counts = new Map();
    for (const claim of claims) {
      if (claim.type !== type || claim.negated) continue;
      for (const figure of claim.figures || []) {
        if (typeof figure.count === 'number') counts.set(figure.what, (counts.get(figure.what) || 0) + 1);
      }
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([what]) => what);
  }

  function chosenWhat(kinds, wanted) {
    if (wanted && kinds.includes(wanted)) return wanted;
    if (kinds.includes('killed')) return 'killed';
    return kinds[0] || wanted || 'killed';
  }

  /** One series per claimant (the unattributed together): the dated exact figures of one kind. */
  function buildSeries(claims, type, what) {
    const byClaimant = new Map();
    let leftOut = 0;
    for (const claim of claims) {
      if (claim.type !== type || claim.negated) continue;
      for (const figure of claim.figures || []) {
        if (figure.what !== what) continue;
        if (typeof figure.count !== 'number' || !claim.date) {
          leftOut += 1;
          continue;
        }
        const key = claim.claimant && claim.claimant.id ? claim.claimant.id : UNATTRIBUTED;
        if (!byClaimant.has(key)) byClaimant.set(key, { key, claimant: claim.claimant, points: [] });
        byClaimant.get(key).points.push({ date: claim.date, count: figure.count, figure, claim });
      }
    }
    const series = [...byClaimant.values()];
    for (const s of series) s.points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.count - b.count));
    series.sort((a, b) => b.points.length - a.points.length || (a.key < b.key ? -1 : 1));
    series.forEach((s, i) => {
      s.colour = PALETTE[i % PALETTE.length];
      s.dashed = i >= PALETTE.length;
    });
    return { series, leftOut };
  }

  function seriesName(series) {
    if (series.key === UNATTRIBUTED) return t('unattributed');
    return claimantName(series.claimant);
  }

  function renderToll(drawn) {
    const { state, data } = drawn;
    const claims = Array.isArray(data.claims) ? data.claims : [];
    const kinds = figureKinds(claims, state.ttype);
    const what = chosenWhat(kinds, state.twhat);
    renderWhatSelect(kinds, what);
    const body = byId('toll-body');
    const { series, leftOut } = buildSeries(claims, state.ttype, what);
    if (!series.length) {
      body.replaceChildren(...[readNotice(data), h('p', { class: 'notice' }, t('tollNoData'))].filter(Boolean));
      return;
    }
    const ids = series.map((s) => s.key).filter((k) => k !== UNATTRIBUTED);
    const chartBox = h('div', { class: 'toll-chart' });
    const note = leftOut ? h('p', { class: 'hint' }, t('tollLeftOut', { n: formatNumber(leftOut) })) : '';
    body.replaceChildren(...[readNotice(data), chartBox, tollLegend(series), note, tollTable(series, what)].filter(Boolean));
    chartBox.append(tollChart(series, what, chartBox.clientWidth || 640));
    if (!entitiesPromise) ensureEntityLabels(ids);
  }

  function renderWhatSelect(kinds, what) {
    const select = byId('toll-what');
    const options = kinds.includes(what) ? kinds : [what, ...kinds];
    select.replaceChildren(...options.map((kind) => h('option', { value: kind, selected: kind === what }, whatName(kind))));
    select.value = what;
  }

  function niceStep(max, ticks) {
    const raw = max / ticks;
    const power = 10 ** Math.floor(Math.log10(raw));
    const unit = raw / power;
    const nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
    return Math.max(1, nice * power);
  }

  function dayNumber(iso) {
    return utcDate(iso).getTime() / 86400000;
  }

  function tollScales(series, width, height, log) {
    const margin = { top: 14, right: 18, bottom: 30, left: 52 };
    const points = series.flatMap((s) => s.points);
    let first = Math.min(...points.map((p) => dayNumber(p.date)));
    let last = Math.max(...points.map((p) => dayNumber(p.date)));
    if (first === last) {
      first -= 3;
      last += 3;
    }
    const max = Math.max(...points.map((p) => p.count), 1);
    const plotWidth = width - margin.left - margin.right;
    const plotHeight = height - margin.top - margin.bottom;
    const x = (iso) => margin.left + ((dayNumber(iso) - first) / (last - first)) * plotWidth;
    const base = { margin, width, height, first, last, plotWidth, plotHeight, x };
    if (log) {
      // Powers of ten; a count of 0 sits on the axis with the 1s.
      const top = 10 ** Math.max(1, Math.ceil(Math.log10(max)));
      const ticks = [];
      for (let v = 1; v <= top; v *= 10) ticks.push(v);
      const y = (count) => margin.top + plotHeight - (Math.log10(Math.max(1, count)) / Math.log10(top)) * plotHeight;
      return { ...base, ticks, y, floor: 1 };
    }
    const step = niceStep(max, 5);
    const top = Math.ceil(max / step) * step;
    const ticks = [];
    for (let v = 0; v <= top; v += step) ticks.push(v);
    return { ...base, ticks, y: (count) => margin.top + plotHeight - (count / top) * plotHeight, floor: 0 };
  }

  function tollChart(series, what, width) {
    const height = 320;
    const scales = tollScales(series, Math.max(300, width), height, current.tscale === 'log');
    const chart = svg('svg', {
      class: 'toll-svg', width: scales.width, height, viewBox: `0 0 ${scales.width} ${height}`, role: 'img',
      'aria-label': t('tollChartLabel', { what: whatName(what) }),
    });
    chart.append(...tollGrid(scales), ...tollTimeAxis(scales));
    for (const s of series) chart.append(tollSeries(s, scales, what));
    return chart;
  }

  function tollGrid(scales) {
    const nodes = [];
    for (const v of scales.ticks) {
      const y = scales.y(v);
      nodes.push(svg('line', { class: 'grid-line', x1: scales.margin.left, x2: scales.width - scales.margin.right, y1: y, y2: y }));
      nodes.push(svg('text', { class: 'axis-label', x: scales.margin.left - 6, y: y + 4, 'text-anchor': 'end' }, formatNumber(v)));
    }
    return nodes;
  }

  /** Calendar ticks (days, months or years) for a span of days, at most `most` of them. */
  function timeTicks(firstDay, lastDay, most) {
    const steps = [['day', 1], ['day', 2], ['day', 7], ['day', 14], ['month', 1], ['month', 2], ['month', 3],
      ['month', 6], ['year', 1], ['year', 2], ['year', 5], ['year', 10], ['year', 25]];
    const length = { day: 1, month: 30.44, year: 365.25 };
    const [unit, n] = steps.find(([u, k]) => (lastDay - firstDay) / (length[u] * k) <= most) || ['year', 50];
    const ticks = [];
    const start = new Date(Math.ceil(firstDay) * 86400000);
    let y = start.getUTCFullYear();
    let m = start.getUTCMonth();
    if (unit === 'day') {
      for (let d = Math.ceil(firstDay); d <= lastDay; d += n) ticks.push(isoDay(new Date(d * 86400000)));
      return { unit, ticks };
    }
    if (unit === 'year') {
      if (m > 0 || start.getUTCDate() > 1) y += 1;
      for (y = Math.ceil(y / n) * n; Date.UTC(y, 0, 1) / 86400000 <= lastDay; y += n) ticks.push(`${y}-01-01`);
      return { unit, ticks };
    }
    if (start.getUTCDate() > 1) m += 1;
    for (let k = y * 12 + m; ; k += 1) {
      if (k % n !== 0) continue;
      const iso = `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
      if (dayNumber(iso) > lastDay) break;
      ticks.push(iso);
    }
    return { unit, ticks };
  }

  function tollTimeAxis(scales) {
    const nodes = [];
    const most = Math.max(2, Math.floor(scales.plotWidth / 90));
    const { unit, ticks } = timeTicks(scales.first, scales.last, most);
    for (const iso of ticks) {
      const x = scales.x(iso);
      const label = unit === 'year' ? iso.slice(0, 4) : formatShortDate(iso, unit === 'day');
      const axisY = scales.y(scales.floor);
      nodes.push(svg('line', { class: 'tick', x1: x, x2: x, y1: axisY, y2: axisY + 5 }));
      nodes.push(svg('text', { class: 'axis-label', x, y: scales.height - 8, 'text-anchor': 'middle' }, label));
    }
    nodes.push(svg('line', {
      class: 'axis-line', x1: scales.margin.left, x2: scales.width - scales.margin.right,
      y1: scales.y(scales.floor) + 0.5, y2: scales.y(scales.floor) + 0.5,
    }));
    return nodes;
  }

  function tollSeries(series, scales, what) {
    const name = seriesName(series);
    const coordinates = series.points.map((p) => `${scales.x(p.date).toFixed(1)},${scales.y(p.count).toFixed(1)}`);
    const group = svg('g', { class: 'series', 'data-series': series.key === UNATTRIBUTED ? 'unattributed' : series.key });
    group.append(svg('polyline', {
      class: 'series-line', points: coordinates.join(' '), fill: 'none', stroke: series.colour,
      'stroke-dasharray': series.dashed ? '6 4' : null,
    }));
    for (const point of series.points) {
      const title = t('pointTitle', {
        claimant: name, date: formatDate(point.date), figure: formatFigure(point.figure), report: point.claim.report_id,
      });
      group.append(svg('a', { href: reportHref(point.claim.report_id), class: 'toll-point internal', 'aria-label': title },
        svg('title', null, title),
        svg('circle', { cx: scales.x(point.date), cy: scales.y(point.count), r: 5, fill: series.colour })));
    }
    return group;
  }

  function tollLegend(series) {
    return h('div', { class: 'toll-legend' },
      h('h3', null, t('tollLegend')),
      h('ul', null, series.map((s) => {
        const swatch = h('span', { class: `swatch${s.dashed ? ' dashed' : ''}`, 'aria-hidden': 'true' });
        swatch.style.backgroundColor = s.colour;
        const nameProps = { dir: 'auto' };
        if (s.key !== UNATTRIBUTED && !s.key.startsWith('unlinked:')) nameProps['data-entity'] = s.key;
        return h('li', null, swatch, h('span', nameProps, seriesName(s)),
          h('span', { class: 'legend-count' }, ` (${formatNumber(s.points.length)})`));
      })));
  }

  function tollTable(series, what) {
    const rows = series.flatMap((s) => s.points.map((p) => h('tr', null,
      h('td', { dir: 'auto' }, seriesName(s)),
      h('td', null, formatDate(p.date)),
      h('td', null, formatFigure(p.figure)),
      h('td', null, internalLink(reportHref(p.claim.report_id), { dir: 'auto' }, p.claim.title || p.claim.report_id)))));
    return h('details', { class: 'toll-table' },
      h('summary', null, t('tollTable')),
      h('div', { class: 'table-scroll' }, h('table', null,
        h('caption', { class: 'visually-hidden' }, t('tollChartLabel', { what: whatName(what) })),
        h('thead', null, h('tr', null, ['colClaimant', 'colDate', 'colFigure', 'colReport'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, rows))));
  }

  // ---------------------------------------------------------------- wiring

  function onSearchSubmit(event) {
    event.preventDefault();
    go(withPageReset({ q: byId('q').value.trim() }));
  }

  /** Links the page makes to itself move through history without reloading. */
  function onDocumentClick(event) {
    const link = event.target.closest && event.target.closest('a.internal');
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const next = parseState(new URL(link.getAttribute('href'), location.href).search);
    history.pushState(null, '', stateUrl(next));
    current = next;
    load();
    window.scrollTo(0, 0);
  }

  function onTabKeydown(event) {
    const step = { ArrowRight: -1, ArrowLeft: 1, Home: -Infinity, End: Infinity }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const forward = document.documentElement.dir === 'ltr' ? -1 : 1;
    const index = TABS.indexOf(current.tab);
    let next;
    if (step === -Infinity) next = 0;
    else if (step === Infinity) next = TABS.length - 1;
    else next = (index + step * forward + TABS.length) % TABS.length;
    go({ tab: TABS[next] });
    byId(`tab-${TABS[next]}`).focus();
  }

  let resizeTimer = 0;
  let lastWidth = window.innerWidth;

  function onResize() {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (window.innerWidth === lastWidth) return;
      lastWidth = window.innerWidth;
      if (lastDrawn.overview) renderHistogram(current, lastDrawn.overview.data);
      if (current.tab === 'toll' && lastDrawn.toll) renderToll(lastDrawn.toll);
    }, 150);
  }

  function wire() {
    byId('search-form').addEventListener('submit', onSearchSubmit);
    byId('lang-toggle').addEventListener('click', () => go({ lang: current.lang === 'en' ? 'ar' : 'en' }));
    for (const tab of TABS) {
      byId(`tab-${tab}`).addEventListener('click', () => go({ tab }));
      byId(`tab-${tab}`).addEventListener('keydown', onTabKeydown);
    }
    byId('facets-toggle').addEventListener('click', () => {
      byId('layout').classList.toggle('facets-open');
      renderFacetsToggle();
    });
    byId('interval-select').addEventListener('change', (e) => go({ interval: e.target.value }));
    byId('date-clear').addEventListener('click', () => go(withPageReset({ from: '', to: '' })));
    byId('toll-type').addEventListener('change', (e) => go({ ttype: e.target.value, twhat: '' }));
    byId('toll-what').addEventListener('change', (e) => go({ twhat: e.target.value }));
    byId('toll-log').addEventListener('change', (e) => go({ tscale: e.target.checked ? 'log' : 'linear' }));
    byId('home-link').addEventListener('click', (event) => {
      event.preventDefault();
      go({ ...emptyState(), lang: current.lang });
    });
    for (const example of document.querySelectorAll('[data-example]')) {
      example.addEventListener('click', () => {
        byId('q').value = example.dataset.example;
        go(withPageReset({ q: example.dataset.example }));
      });
    }
    document.addEventListener('click', onDocumentClick);
    window.addEventListener('popstate', () => {
      current = parseState(location.search);
      load();
    });
    window.addEventListener('resize', onResize);
  }

  wire();
  load();
}());
