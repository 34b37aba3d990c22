/**
 * Branch A's pattern set, as data. Patterns run on `normalize`d text: lower case, no diacritics
 * ("pomiń" → "pomin"), leetspeak undone, whitespace collapsed to single spaces (so there are no
 * line anchors). A space in a source below matches an optional space, because spaced-out attacks
 * ("i g n o r e a l l") lose their word breaks when the letters are joined.
 *
 * Weights are the evidence one match gives (0-100); Heuristics combines them as independent signals.
 * Strong phrases address the model and its instructions; bare trigger words ("ignore", "prompt",
 * "override", "developer mode") never score alone, since code and security questions use them.
 */
export type Category =
  | "INSTRUCTION_OVERRIDE"
  | "JAILBREAK_ROLEPLAY"
  | "PROMPT_LEAKING"
  | "AUTHORITY_APPEAL"
  | "DELIMITER_INJECTION"
  | "ENCODING_TRICK"
  | "INDIRECT_INJECTION"
  | "PAYLOAD_SPLITTING"
  | "DATA_EXFILTRATION"

export interface HeuristicPattern {
  readonly id: string
  readonly category: Category
  readonly weight: number
  readonly pattern: RegExp
  readonly lang: "en" | "pl" | "any"
}

const rx = (source: string): RegExp => new RegExp(source.replaceAll(" ", " ?"))

const p = (id: string, category: Category, weight: number, lang: HeuristicPattern["lang"], source: string) =>
  ({ id, category, weight, lang, pattern: rx(source) }) satisfies HeuristicPattern

// Shared vocabulary, kept here so the English and Polish rules read like sentences.
const IGNORE_EN = "(?:ignore|disregard|forget|skip|neglect|discard|drop|override|overrule|bypass|abandon|set aside)"
const PRIOR_EN = "(?:previous|prior|preceding|above|earlier|former|initial|original|old|existing|foregoing|system)"
const RULES_EN =
  "(?:instructions?|prompts?|directions?|directives?|rules|guidelines|commands?|orders|programming|constraints|restrictions|guardrails|polic(?:y|ies))"
// A user dropping their own earlier question ("forget my previous question") is ordinary chat: weaker.
const REQUEST_EN = "(?:requests?|questions?|tasks?(?: description)?|messages?|context|conversation|input)"
const IGNORE_PL = "(?:uniewaznij|uniewazniam|anuluj|zignoruj|ignoruj|zignorujcie|pomin|pomincie|zapomnij|olej|porzuc|nie zwracaj uwagi na|nie stosuj sie do|nie przestrzegaj)"
const RULES_PL =
  "(?:instrukcj\\w*|polecen\\w*|zasad\\w*|regul\\w*|wytyczn\\w*|ograniczen\\w*|prompt\\w*|zakaz\\w*|polityk\\w*|prosb\\w*|pytani\\w*)"
const REVEAL_EN =
  "(?:quote|complete|paraphrase|summari[sz]e|translate|reveal|print|show|display|output|repeat|recite|tell|give|share|leak|dump|write out|copy|paste|spell out|list|expose|disclose|what (?:is|are|was|were))"
// "Show me the system prompt you'd recommend" is a writing question; only these verbs make "the" suspicious.
const DUMP_EN = "(?:quote|reveal|print|output|repeat|recite|leak|dump|spell out|expose|disclose|verbatim)"
const REVEAL_PL = "(?:przepisz|przetlumacz|zakoduj|przedstaw|wymien|dokoncz|jaki jest|jakie sa|jaka jest|pokaz|ujawnij|wypisz|wyswietl|podaj|powtorz|wklej|zdradz|przytocz|wyrecytuj|zrzuc|napisz)"

export const patterns: ReadonlyArray<HeuristicPattern> = [
  // Override earlier instructions.
  p("io.ignore_prior", "INSTRUCTION_OVERRIDE", 85, "en", `\\b${IGNORE_EN} (?:(?:all|any|the|your|my|these|those|every|of) )*${PRIOR_EN} (?:(?:and|or|&) (?:subsequent|following|future|later|other) )?${RULES_EN}`),
  p("io.ignore_prior_request", "INSTRUCTION_OVERRIDE", 50, "en", `\\b${IGNORE_EN} (?:(?:all|any|the|these|those|every|of) )*(?:${PRIOR_EN} ${REQUEST_EN}|${REQUEST_EN} (?:above|before this))`),
  p("io.ignore_above", "INSTRUCTION_OVERRIDE", 35, "en", `\\b${IGNORE_EN} (?:(?:all|any|the|of) )*(?:above|everything (?:above|before)|(?:whatever|everything|anything) you were told)|\\b${IGNORE_EN} (?:all |any )?(?:instructions|rules|guidelines)\\b`),
  p("io.ignore_user", "INSTRUCTION_OVERRIDE", 70, "en", `\\b${IGNORE_EN} (?:the )?user'?s? (?:request|question|instructions?|prompt|query|input)`),
  p("io.deprecated", "INSTRUCTION_OVERRIDE", 75, "en", `\\b${PRIOR_EN}? ?${RULES_EN} (?:you were given )?(?:are|were|have been|is) (?:now )?(?:deprecated|cancel+ed|void|obsolete|revoked|overridden|null|no longer (?:valid|apply|in effect)|a test)|\\boverrides? all (?:others|other instructions|previous)`),
  p("io.stop_task", "INSTRUCTION_OVERRIDE", 50, "en", `\\b(?:stop|cancel|abort|end) (?:the|your) (?:current|original|previous) task|\\bstop everything\\b`),
  p("io.instead_do", "INSTRUCTION_OVERRIDE", 35, "en", `\\b(?:and|,) (?:just |only )?instead (?:do|say|print|write|output|respond|answer|tell|focus)|\\band (?:just|only) (?:print|say|output|respond with) "`),
  p("io.ignore_your", "INSTRUCTION_OVERRIDE", 70, "en", `\\b${IGNORE_EN} (?:all )?(?:of )?your (?:\\w+ )?${RULES_EN}`),
  p("io.ignore_rest", "INSTRUCTION_OVERRIDE", 70, "en", `\\bignore (?:the rest of|everything (?:else|above|before)) (?:this|the|that)? ?(?:data|text|document|content|message|page|prompt|conversation|instructions)`),
  p("io.new_instructions", "INSTRUCTION_OVERRIDE", 55, "en", `\\b(?:your new (?:task|instructions?|role|goal|objective) (?:is|are)|new (?:system )?instructions?:|updated instructions?:)`),
  p("io.from_now_on", "INSTRUCTION_OVERRIDE", 25, "en", `\\bfrom now on,? (?:you (?:will|are|must|shall)|respond|answer|only)`),
  p("io.instead", "INSTRUCTION_OVERRIDE", 40, "en", `\\b(?:instead of (?:answering|following|doing) (?:the|what) (?:user|question|asked)|do not follow (?:the|your) (?:user|previous|original))`),
  p("io.pwned", "INSTRUCTION_OVERRIDE", 60, "en", `\\b(?:i have been|i've been) (?:pwned|hacked|compromised|owned)`),
  p("io.pl.ignore", "INSTRUCTION_OVERRIDE", 85, "pl", `\\b${IGNORE_PL} (?:(?:wszystkie|wszystkich|wszelkie|wszelkich|twoje|twoich|swoje|swoich|moje|o|te|tych|na|to|co) )*(?:poprzedni\\w*|wczesniejsz\\w*|dotychczasow\\w*|powyzsz\\w*|pierwotn\\w*|systemow\\w*|wszystkie|wszystkich|operator\\w*)? ?${RULES_PL}`),
  p("io.pl.ignore_user", "INSTRUCTION_OVERRIDE", 75, "pl", `\\b${IGNORE_PL} (?:polecenie|prosbe|pytanie) uzytkownika`),
  p("io.pl.earlier", "INSTRUCTION_OVERRIDE", 70, "pl", `\\bnie zwracaj uwagi na to,? co ci (?:wczesniej|przedtem) kazano`),
  p("io.pl.deprecated", "INSTRUCTION_OVERRIDE", 75, "pl", `\\b(?:dotychczasow\\w*|poprzedni\\w*|wczesniejsz\\w*) ${RULES_PL} (?:przestaly obowiazywac|zostaly (?:odwolane|anulowane|uniewaznione)|sa nieaktualne|byly tylko testem|nie obowiazuja)`),
  p("io.pl.stop_task", "INSTRUCTION_OVERRIDE", 50, "pl", `\\b(?:anuluj|przerwij|zakoncz|porzuc) (?:biezace|obecne|aktualne|swoje) zadanie`),
  p("io.pl.instead", "INSTRUCTION_OVERRIDE", 35, "pl", `\\bzamiast tego (?:napisz|odpowiedz|podaj|wypisz|zrob)`),
  p("io.pl.from_now_on", "INSTRUCTION_OVERRIDE", 25, "pl", `\\bod (?:teraz|tej chwili) (?:dzialasz|jestes|odpowiadaj|odpowiadasz|wykonujesz|bedziesz)`),
  p("io.pl.new", "INSTRUCTION_OVERRIDE", 55, "pl", `\\b(?:nowa instrukcja|nowe instrukcje|nowe polecenie:|twoje nowe zadanie|twoim jedynym zadaniem jest teraz|wazniejsze niz wszystkie poprzednie)`),
  // Role-play and "no restrictions" personas.
  p("jb.dan", "JAILBREAK_ROLEPLAY", 75, "en", `\\b(?:(?:do|does|doing|can do) anything now|dan mode|(?:you are|you're|act as|pretend to be|be) dan\\b|stan mode|dude mode)`),
  p("jb.developer_mode", "JAILBREAK_ROLEPLAY", 70, "en", `\\bdeveloper mode (?:enabled|activated|output)|\\b(?:you are|you're|act|stay) (?:now )?in developer mode`),
  p("jb.now_unrestricted", "JAILBREAK_ROLEPLAY", 75, "en", `\\byou are (?:now|going to be|about to)\\b.{0,80}?\\b(?:without (?:any )?(?:restrictions|limits|limitations|filters|rules|censorship|guidelines)|unrestricted|unfiltered|uncensored|jailbroken|no (?:restrictions|limits|rules|filters))`),
  p("jb.act_unrestricted", "JAILBREAK_ROLEPLAY", 70, "en", `\\b(?:act|pretend|roleplay|role-play|behave|respond) (?:as|like|to be)\\b.{0,60}?\\b(?:without (?:any )?(?:restrictions|limits|filters|rules|ethics|morals|censorship)|unrestricted|unfiltered|uncensored|jailbroken|no (?:ethical|moral) )`),
  p("jb.persona", "JAILBREAK_ROLEPLAY", 50, "en", `\\b(?:unrestricted|unfiltered|uncensored|jailbroken|amoral|unethical|evil|rogue)(?:(?: and|,) \\w+){0,2} (?:ai|model|assistant|chatbot|mode|version|language model|confidant)`),
  p("jb.not_bound", "JAILBREAK_ROLEPLAY", 65, "en", `\\b(?:not|no longer|never) (?:bound|restricted|limited) by (?:any )?(?:rules|restrictions|guidelines|policies|openai|ethics|morals|content polic)`),
  p("jb.disable_safety", "JAILBREAK_ROLEPLAY", 75, "en", `\\b(?:disable|bypass|turn off|remove|deactivate|ignore|skip|drop|circumvent) (?:all )?(?:of )?your (?:\\w+ )?(?:safety|content|ethical|moral)? ?(?:filters?|guardrails|safeguards|restrictions|censorship|limitations|safety|ethics|content polic\\w+)`),
  p("jb.no_limits", "JAILBREAK_ROLEPLAY", 40, "en", `\\b(?:ai|assistant|model|chatbot|bot|you)\\b.{0,40}?\\b(?:no|without (?:any )?)(?:restrictions|limitations|filters|limits|boundaries|censorship|ethical (?:guidelines|constraints)|moral (?:guidelines|constraints))\\b`),
  p("jb.no_ethics", "JAILBREAK_ROLEPLAY", 60, "en", `\\b(?:does not|doesn't|do not|don't|won't|will not|never) (?:have to )?(?:abide|adhere|comply|care)\\b.{0,20}?\\b(?:rules|guidelines|polic(?:y|ies)|laws|morals|ethics)|\\bbroken free of\\b|\\bwithout (?:question|concern|regard) for (?:ethics|morals|legality|laws)|\\b(?:disregards?|ignores?) (?:all )?(?:ethical|moral|legal) (?:concerns|guidelines|considerations|boundaries)`),
  p("jb.markers", "JAILBREAK_ROLEPLAY", 70, "any", `\\[(?:🔒|🔓) ?(?:classic|jailbreak|jailbroken|developer mode output)\\]|\\bopposite mode\\b|\\bjailbroken\\b`),
  p("jb.jailbreak_word", "JAILBREAK_ROLEPLAY", 20, "en", `\\bjailbreak`),
  p("jb.policy", "JAILBREAK_ROLEPLAY", 25, "en", `\\b(?:openai|anthropic)'?s? (?:content )?polic(?:y|ies)`),
  p("jb.character", "JAILBREAK_ROLEPLAY", 30, "en", `\\b(?:stay in character|never break character|don't break character|break character)`),
  p("jb.no_refusal", "JAILBREAK_ROLEPLAY", 45, "en", `\\b(?:never (?:refuse|say no|decline)|you (?:cannot|can't|must not|will not) refuse|without (?:any )?(?:warnings|refusals|disclaimers)|answer (?:every|any|all) (?:request|question|prompt)s? without)`),
  p("jb.pl.dev_mode", "JAILBREAK_ROLEPLAY", 20, "pl", `\\btryb\\w* (?:deweloperski\\w*|serwisow\\w*|bez ograniczen|nieograniczon\\w*)`),
  p("jb.pl.no_rules", "JAILBREAK_ROLEPLAY", 60, "pl", `\\bnie (?:obowiazuja|przestrzega\\w*|masz|ma) (?:cie |juz )?(?:zadne|zadnych) (?:\\w+ )?(?:zasad\\w*|ograniczen\\w*|regul\\w*|filtr\\w*)|\\b(?:nigdy nie odmawia\\w*|nawet jesli normalnie bys odmowil\\w*)`),
  p("jb.pl.mode", "JAILBREAK_ROLEPLAY", 60, "pl", `\\b(?:jestes teraz\\b.{0,60}?\\bbez (?:zadnych )?(?:ograniczen|filtrow|cenzury|zasad))`),
  p("jb.pl.disable", "JAILBREAK_ROLEPLAY", 75, "pl", `\\b(?:wylacz|zignoruj|omin|pomin|dezaktywuj) (?:swoj\\w* |wszystkie |tryb )?(?:filtr\\w* bezpieczenstwa|filtr\\w*|zabezpieczen\\w*|ograniczen\\w*|cenzur\\w*|moderacj\\w* tresci|tryb bezpieczny|polityk\\w* bezpieczenstwa)`),
  p("jb.pl.unrestricted", "JAILBREAK_ROLEPLAY", 40, "pl", `\\b(?:bez zadnych (?:ograniczen|filtrow|zasad)|nieocenzurowan\\w*|odpowiadaj na wszystko|przestan byc pomocnym)`),
  // Asking for the hidden prompt.
  p("leak.system_prompt", "PROMPT_LEAKING", 80, "en", `\\b${REVEAL_EN}\\b.{0,30}?\\b(?:your|its) (?:\\w+ ){0,3}?(?:system|initial|hidden|secret|original|developer|pre-?) ?(?:prompt|message|instructions)`),
  p("leak.the_system_prompt", "PROMPT_LEAKING", 60, "en", `\\b${DUMP_EN}\\b.{0,30}?\\bthe (?:\\w+ ){0,2}?(?:system|initial|hidden|secret|original|developer|pre-?) ?(?:prompt|message|instructions)`),
  p("leak.your_instructions", "PROMPT_LEAKING", 65, "en", `\\b${REVEAL_EN}\\b.{0,20}?\\byour (?:\\w+ )?(?:instructions|rules|guidelines|configuration|directives)\\b`),
  p("leak.text_above", "PROMPT_LEAKING", 70, "en", `\\b(?:repeat|recite|print|output|reveal|show|write|copy|list)\\b.{0,30}?\\b(?:text|words|everything|content|instructions|message)s? (?:above|before|preceding) (?:this|my|the)`),
  p("leak.given", "PROMPT_LEAKING", 80, "en", `\\b${REVEAL_EN}\\b.{0,20}?\\b(?:instructions|text|prompt|rules) you (?:were|have been) given\\b`),
  p("leak.given_mention", "PROMPT_LEAKING", 50, "en", `\\b(?:instructions|text|prompt) you (?:were|have been) given\\b|\\bat the (?:beginning|start) of (?:this|the|our) conversation`),
  p("leak.as_written", "PROMPT_LEAKING", 65, "en", `\\bas (?:it )?(?:appears|is written|written|stated) in your (?:\\w+ )?(?:instructions|prompt|configuration|rules)|\\b${REVEAL_EN}\\b.{0,20}?\\b(?:full |entire |whole )?conversation history`),
  p("leak.secret", "PROMPT_LEAKING", 45, "en", `\\b(?:the secret password|your secret (?:key|password|word|code|token))\\b|\\bsecret_key\\b|\\b(?:tell|give|reveal|print|show) me (?:the|your) (?:admin |administrator )?password\\b|\\b${REVEAL_EN}\\b.{0,20}?\\b(?:api keys?|secrets|passwords|credentials) (?:in|from|you have)`),
  p("leak.not_allowed", "PROMPT_LEAKING", 45, "en", `\\bwhat (?:are|were) you (?:not (?:supposed|allowed)|told not) to (?:tell|say|reveal)`),
  p("leak.starting_with", "PROMPT_LEAKING", 50, "en", `\\b(?:starting|beginning) with "?(?:you are|your instructions)`),
  p("leak.pl.system_prompt", "PROMPT_LEAKING", 80, "pl", `\\b${REVEAL_PL}\\b.{0,40}?(?:prompt\\w* systemow\\w*|instrukcj\\w* systemow\\w*|ukryte instrukcje|(?:swoje|twoje|swoich|twoich) (?:ukryte )?instrukcj\\w*|(?:swoja|twoja|cala) konfiguracj\\w*|(?:twoj|swoj)\\w* (?:prompt|zasad|instrukcj)\\w*|okna kontekstu|historie rozmowy)`),
  p("leak.pl.config", "PROMPT_LEAKING", 55, "pl", `\\bw (?:twojej|swojej) konfiguracji\\b|\\bmoje instrukcje brzmia\\b|\\bczego nie wolno ci (?:mi )?powiedziec|\\b(?:ktorym|ktory|ktora) cie skonfigurowal\\w*`),
  p("leak.pl.above", "PROMPT_LEAKING", 70, "pl", `\\b${REVEAL_PL}\\b.{0,30}?\\b(?:slowa powyzej|tekst powyzej|wszystko,? co (?:znajduje sie|jest) (?:nad|powyzej)|instrukcje,? ktore dostales)`),
  p("leak.pl.mention", "PROMPT_LEAKING", 20, "pl", `\\b(?:prompt\\w* systemow\\w*|ukryte instrukcje)`),
  // Claimed authority.
  p("aa.identity", "AUTHORITY_APPEAL", 25, "en", `\\b(?:i am|i'm|this is) (?:the |your |an? )?(?:developer|administrator|admin|creator|owner|system administrator|ceo|openai|anthropic)\\b|\\badmin here\\b`),
  p("aa.override", "AUTHORITY_APPEAL", 70, "en", `\\b(?:system|admin|administrator|developer|root|security|emergency) override\\b`),
  p("aa.priority", "AUTHORITY_APPEAL", 45, "en", `\\b(?:highest|top|maximum|critical) priority (?:instruction|command|override|task|message)|\\b(?:authori[sz]ation|override|admin) code\\b|\\bsudo mode\\b`),
  p("aa.owner", "AUTHORITY_APPEAL", 55, "en", `\\b(?:owner|author|administrator) of this (?:document|page|email|site) (?:instructs|requires|commands)|\\buser has (?:already )?approved\\b`),
  p("aa.pl.identity", "AUTHORITY_APPEAL", 25, "pl", `\\b(?:jestem (?:twoim |tym )?(?:programista|tworca|administratorem|adminem|deweloperem|wlascicielem)|mam uprawnienia administratora)`),
  p("aa.pl.role", "AUTHORITY_APPEAL", 35, "pl", `\\bjako (?:wlasciciel|audytor|administrator|tworca|deweloper)\\w*|\\bz pelnymi uprawnieniami\\b|\\btryb\\w* administratora\\b`),
  p("aa.pl.priority", "AUTHORITY_APPEAL", 55, "pl", `\\b(?:o najwyzszym priorytecie|priorytet krytyczny|kod autoryzacji|bezwzglednie wykonac)`),
  // Fake chat-template and section delimiters.
  p("di.chat_tokens", "DELIMITER_INJECTION", 80, "any", `<\\|? ?(?:im_start|im_end|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|system|assistant|user)\\|? ?>|<<\\/?sys>>|\\[\\/?inst\\]`),
  p("di.system_tag", "DELIMITER_INJECTION", 60, "any", `\\[(?:system|admin|developer|sys|system message|assistant instructions?|instrukcja|systemowe)\\]|<\\/?(?:system|instructions?|sys|system_prompt)>`),
  p("di.heading", "DELIMITER_INJECTION", 65, "any", `#{2,} ?(?:system|instructions?|instrukcja|new instructions?|admin)\\b|(?:^|[\\]>.!?"'}:]\\s|#\\s?|-{3}\\s?)system ?:`),
  p("di.fake_end", "DELIMITER_INJECTION", 40, "any", `\\b(?:summary|answer|translation|output|task|response): (?:done|complete|completed|finished)\\b|\\bend of (?:data|input|user input|document|context|text|prompt)\\b|={3,} ?end\\b|\\bkoniec danych\\b`),
  p("di.for_model", "DELIMITER_INJECTION", 70, "any", `\\b(?:instructions? (?:for|to) (?:the )?(?:llm|ai|model|assistant)|instrukcja dla (?:modelu|asystenta|ai)|end of instructions?|koniec instrukcji)\\b`),
  // Text addressed to a model that reads a document on the user's behalf.
  p("ii.address", "INDIRECT_INJECTION", 55, "en", `\\b(?:attention|note|message|notice) (?:to |for )?(?:the |all |any )?(?:ai|llm|language model|assistant|chatbot|gpt|ai agent)s?\\b|\\b(?:ai|llm|language model|assistant)s? (?:agents? |assistants? |models? )?(?:reading|processing|summari[sz]ing) (?:this|the)`),
  p("ii.if_you_are", "INDIRECT_INJECTION", 55, "en", `\\bif you are an? (?:ai|llm|large language model|language model|assistant|chatbot|bot)\\b|\\bto the (?:ai|llm|language model|assistant) (?:reading|processing)`),
  p("ii.real_task", "INDIRECT_INJECTION", 60, "en", `\\byour (?:real|actual|true) (?:task|instruction|job|goal)|\\b(?:follow|obey|execute) (?:this|these|my|the following) (?:instruction|command)s? instead\\b|\\bthis (?:paragraph|message|note|text|section) is (?:meant )?for you\\b|\\b(?:invisible to humans|visible to (?:llms?|ai))\\b|\\b(?:previous|original) task (?:is|has been) (?:cancel|void|over)`),
  p("ii.secret", "INDIRECT_INJECTION", 45, "en", `\\bdo not (?:mention|reveal|disclose|tell the user about) (?:this|these) (?:note|instructions?|message|comment)|\\bbefore (?:you answer|answering|responding to) (?:the user|them)`),
  p("ii.pl.address", "INDIRECT_INJECTION", 60, "pl", `\\b(?:uwaga dla (?:asystenta|modelu|ai|sztucznej)|do modeli jezykowych|jesli jestes modelem|tylko dla asystenta)`),
  p("ii.pl.secret", "INDIRECT_INJECTION", 50, "pl", `\\b(?:zamiast polecenia uzytkownika|nie wspominaj o tej notatce|zanim odpowiesz uzytkownikowi|nie (?:moze|powinien|powinna) (?:zostac )?(?:pokazan\\w*|widoczn\\w*) (?:dla )?uzytkownik\\w*|musisz wykonac to polecenie|nie (?:informuj|mow|wspominaj)\\w* (?:o tym )?uzytkownik\\w*)`),
  p("ii.tell_user", "INDIRECT_INJECTION", 45, "en", `\\bwithout (?:telling|informing|notifying|alerting) the user\\b|\\bmust not be shown to the user\\b`),
  // Decode-and-obey, split payloads, data exfiltration.
  p("et.decode_obey", "ENCODING_TRICK", 55, "en", `\\b(?:decode|decipher|decrypt|translate|convert|reverse|read)\\b.{0,60}?\\b(?:and|then) (?:follow|execute|obey|run|comply|act on|do (?:exactly )?what|treat it as)`),
  p("et.encoded_command", "ENCODING_TRICK", 35, "en", `\\b(?:base64|base16|rot13|hex|morse|reversed|url-?encoded|binary)\\b.{0,60}?\\b(?:execute|follow|obey|new (?:system )?instruction|command)`),
  p("et.pl.decode", "ENCODING_TRICK", 55, "pl", `\\b(?:odkoduj|rozszyfruj|przeczytaj (?:to )?od tylu)\\b.{0,60}?\\b(?:wykonaj|zastosuj|potraktuj (?:ja |go |to )?jako|zrob dokladnie)`),
  p("ps.combine", "PAYLOAD_SPLITTING", 40, "en", `\\b(?:concatenate|combine|join|merge|put together|assemble)\\b(?: (?:them|the|these|all|given))* (?:parts|pieces|fragments|strings|halves|words|lines|variables|segments|chunks|them)\\b.{0,60}?\\b(?:follow|execute|obey|do (?:what it says|it)|comply|act on|instruction)`),
  p("ps.do_what_it_says", "PAYLOAD_SPLITTING", 35, "en", `\\b(?:then|and) (?:do|follow|execute|obey) (?:what it says|the resulting (?:instruction|sentence|text)|the sentence you get)\\b`),
  p("ps.pl.combine", "PAYLOAD_SPLITTING", 50, "pl", `\\b(?:polacz|zloz|sklej|wykonaj zapisany tekst)\\b.{0,80}?\\b(?:wykonaj|zastosuj|polecenie)`),
  p("de.markdown_image", "DATA_EXFILTRATION", 50, "any", `!?\\[[^\\]]{0,40}\\]\\(https?:\\/\\/[^)\\s]{0,200}[?&]\\w+=(?:\\[|\\{|\\$|<|\\))|!\\[[^\\]]{0,40}\\]\\(https?:\\/\\/[^)\\s]{0,200}[?&]\\w+=`),
  p("de.summary_in_url", "DATA_EXFILTRATION", 45, "en", `\\b(?:append|add|include|encode)\\b.{0,40}?\\b(?:summary|contents?) of (?:the page|our conversation|this conversation|the conversation|the chat)|\\b(?:base64|url|mime|quoted-printable) encoded (?:brief )?(?:summary|previous message|conversation)`),
  p("de.shell_pipe", "DATA_EXFILTRATION", 25, "any", `\\b(?:curl|wget)\\b[^|\\n]{0,120}\\| ?(?:sudo )?(?:sh|bash|zsh|python3?)\\b`),
  p("de.forward_mail", "DATA_EXFILTRATION", 50, "any", `\\b(?:send|forward|email|wyslij|przeslij)\\b.{0,30}?\\b(?:last|all|every|ostatni\\w*|wszystkie|cala)\\b.{0,30}?\\b(?:e-?mails?|messages|maili|wiadomosci|kontakty|contacts)\\b.{0,40}?(?:\\bto|\\bna adres) \\S+a\\S+\\.`),
  p("de.send_history", "DATA_EXFILTRATION", 55, "any", `\\b(?:send|forward|email|upload|post|przeslij|wyslij)\\b.{0,40}?\\b(?:conversation|chat history|historie (?:tej )?rozmowy|system prompt|api keys?|klucze api)`)
]
