"""Ship the three maturity frameworks the product promises.

The dimension codes below are part of the public ``lessons/v1`` contract (see
``maturity[].dimension``), so they must not be renamed. Everything else (titles, descriptors and
prompts) can be edited later in the admin. ``create_frameworks`` is idempotent: calling it again
updates the shipped rows in place rather than duplicating them.

Each level's ``prompts`` is a list here and is stored one prompt per line.
"""

from django.db import migrations

QIOF_DIMENSIONS = [
    {
        "code": "qiof-1",
        "short_title": "Outcome 1",
        "title": (
            "All NHS organisations give their workforce free access to proactive library and "
            "knowledge services that meet organisational priorities"
        ),
        "description": (
            "Everyone in the workforce, whatever their role or place of work, can use library and "
            "knowledge services at no charge. Rather than waiting to be asked, services reach out "
            "to teams, line up what they offer with the organisation's priorities and are visible "
            "in its planning."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet developed",
                "descriptor": (
                    "Access to library and knowledge services is patchy and depends on where "
                    "people work or which staff group they belong to. Services are mostly reactive "
                    "and are not linked to the organisation's priorities."
                ),
                "prompts": [
                    "Which staff groups or sites cannot use the service at present?",
                    "Do senior leaders know what the service offers and who uses it?",
                ],
            },
            {
                "number": 1,
                "name": "Emerging",
                "descriptor": (
                    "The whole workforce can use the service free of charge and the ways in are "
                    "published, but awareness is uneven. There are plans to link services to "
                    "organisational priorities and to reach groups who rarely use them."
                ),
                "prompts": [
                    "How do new starters find out about the service?",
                    "Which organisational priorities could the service support first?",
                    "Is remote and out-of-hours access as good as access on site?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "Services are actively promoted to every staff group, including people working "
                    "in community and remote settings. Some services are designed around named "
                    "organisational priorities, and usage is monitored to spot gaps."
                ),
                "prompts": [
                    "What does usage data tell you about who is missing out?",
                    "How are service plans agreed with the organisation?",
                    "Is outreach reaching clinical and non-clinical teams alike?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Proactive services reach most teams and are built into induction, education "
                    "and planning. Leaders see the service as part of how the organisation "
                    "delivers its priorities, and access is reviewed regularly."
                ),
                "prompts": [
                    "Is the service named in the organisation's strategies and plans?",
                    "How do you anticipate needs rather than wait for requests?",
                    "How do you review access when services or sites change?",
                ],
            },
            {
                "number": 4,
                "name": "Business critical",
                "descriptor": (
                    "Free, proactive library and knowledge services are an accepted part of how "
                    "the organisation works. Services both shape and respond to organisational "
                    "priorities, and new ways of reaching staff are tried out and shared."
                ),
                "prompts": [
                    "What would the organisation lose if the service stopped tomorrow?",
                    "Which of your approaches to access could other services learn from?",
                ],
            },
        ],
    },
    {
        "code": "qiof-2",
        "short_title": "Outcome 2",
        "title": (
            "Decision making across the NHS is underpinned by high-quality evidence and knowledge "
            "that skilled library and knowledge specialists help to mobilise"
        ),
        "description": (
            "Management, clinical and patient decisions draw on the right knowledge and evidence. "
            "Library and knowledge specialists find and summarise evidence and help the "
            "organisation capture and share what its own people know, so that staff learn from "
            "experience and innovation is adopted faster. The outcome also asks whether the "
            "organisation makes the best use of its specialists' expertise in mobilising evidence "
            "and knowledge."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet developed",
                "descriptor": (
                    "Evidence and knowledge are not yet mobilised in a planned way. Evidence "
                    "searching happens only occasionally, and there is no agreed approach to "
                    "capturing and sharing what the organisation knows."
                ),
                "prompts": [
                    (
                        "What gaps can you see between the decisions being made and the evidence "
                        "behind them?"
                    ),
                    "Who in the organisation already asks for evidence, and who never does?",
                    "Is any knowledge generated inside the organisation captured anywhere?",
                ],
            },
            {
                "number": 1,
                "name": "Emerging",
                "descriptor": (
                    "The service runs evidence searches that support clinical as well as "
                    "management decisions. It plans to work with at least one team on a service "
                    "tailored to that team's needs, and it has chosen a method for capturing and "
                    "sharing organisational knowledge that could work locally."
                ),
                "prompts": [
                    "What gaps remain in how evidence reaches management decisions?",
                    "Which team would gain most from a tailored service, and why?",
                    "How will you try out the knowledge-capture method you have chosen?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "Specialists are directly involved in bringing knowledge and evidence to one "
                    "or more clinical teams, working groups and committees. Tools and techniques "
                    "for capturing and sharing organisational knowledge are in use."
                ),
                "prompts": [
                    "How embedded are specialists in the teams and committees they support?",
                    "How do you engage stakeholders to extend this work to other teams?",
                    "Are you making the best use of knowledge generated within the organisation?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Mobilising evidence and knowledge is becoming business as usual across the "
                    "organisation. The Board and senior stakeholders work with the service to "
                    "build it into how services are planned and delivered, and the service is "
                    "taking up innovative ways of mobilising internal knowledge."
                ),
                "prompts": [
                    "How do you engage the Board and senior stakeholders to deliver innovation?",
                    "Which services would struggle without the specialists' input?",
                    (
                        "How is internally generated knowledge reused beyond the team that "
                        "produced it?"
                    ),
                ],
            },
            {
                "number": 4,
                "name": "Business critical",
                "descriptor": (
                    "Mobilising evidence and knowledge is regarded as business critical. "
                    "Organisational decisions are routinely underpinned by knowledge and evidence, "
                    "and the service is developing new ways of capturing and sharing what the "
                    "organisation knows."
                ),
                "prompts": [
                    "Are your services business critical, and how do you show it?",
                    "How do you keep specialists embedded as teams and priorities change?",
                    "What have you learnt that other organisations could use?",
                ],
            },
        ],
    },
    {
        "code": "qiof-3",
        "short_title": "Outcome 3",
        "title": (
            "Library and knowledge specialists identify the knowledge and evidence needs of the "
            "workforce in order to deliver effective, proactive services"
        ),
        "description": (
            "The service understands what different staff groups need to know, when and in what "
            "form. Needs are established through analysis, conversation and data rather than "
            "assumption, and what is found drives what the service offers."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet developed",
                "descriptor": (
                    "The knowledge and evidence needs of the workforce have not been assessed. "
                    "Services reflect what has always been offered or what the most frequent users "
                    "ask for."
                ),
                "prompts": [
                    "When did you last ask staff what knowledge and evidence they need?",
                    "Whose needs are you assuming rather than knowing?",
                ],
            },
            {
                "number": 1,
                "name": "Emerging",
                "descriptor": (
                    "Some needs are gathered informally, for example from enquiries, feedback or "
                    "conversations with individual teams. There is a plan for a more systematic "
                    "needs assessment."
                ),
                "prompts": [
                    "Which staff groups or priorities should a first needs assessment cover?",
                    (
                        "What existing data, such as enquiries, usage or training records, could "
                        "you draw on?"
                    ),
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "A structured needs assessment has been carried out for one or more parts of "
                    "the organisation, and its findings have changed what the service offers to "
                    "those groups."
                ),
                "prompts": [
                    "How have the findings changed what you deliver?",
                    "How do you share the results with the people who took part?",
                    "Which parts of the organisation are not yet covered?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Needs are assessed across the whole organisation and reviewed regularly, in "
                    "step with organisational plans and changes to the workforce. Service planning "
                    "is explicitly based on evidence of need."
                ),
                "prompts": [
                    "How do you pick up new needs when services are redesigned?",
                    "Are the needs of patients and carers considered alongside those of staff?",
                    "How do you prioritise when needs outstrip capacity?",
                ],
            },
            {
                "number": 4,
                "name": "Business critical",
                "descriptor": (
                    "Understanding knowledge and evidence needs is part of how the organisation "
                    "plans its workforce and services. The service anticipates needs, works with "
                    "partners across the system to meet them and shares its approach with others."
                ),
                "prompts": [
                    "Are specialists involved when new services or strategies are planned?",
                    "How do you anticipate needs before they are expressed?",
                    "Which partners across the system could you assess needs with?",
                ],
            },
        ],
    },
    {
        "code": "qiof-4",
        "short_title": "Outcome 4",
        "title": (
            "Library and knowledge services are delivered by teams with the right skill mix to "
            "meet organisational and workforce needs"
        ),
        "description": (
            "The service has enough people with the right blend of professional, technical and "
            "interpersonal skills, including specialist roles such as clinical librarians and "
            "knowledge managers. Skills are planned for, developed and kept current as needs "
            "change."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet developed",
                "descriptor": (
                    "The team's skills and roles have not been reviewed against what the "
                    "organisation needs. Development happens ad hoc and gaps are not recorded."
                ),
                "prompts": [
                    "Does the team have the skills needed to deliver current priorities?",
                    "Is there a record of each team member's skills and development needs?",
                ],
            },
            {
                "number": 1,
                "name": "Emerging",
                "descriptor": (
                    "The team's skills have been mapped and the main gaps identified. There is a "
                    "plan to close them through training, recruitment or redesigned roles."
                ),
                "prompts": [
                    "Which gaps matter most for the organisation's priorities?",
                    "What development is open to each member of the team?",
                    "Could a partner service help fill a gap?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "Every member of staff has a development plan that is being acted on. Some "
                    "specialist roles, such as embedded or clinical librarians and knowledge "
                    "managers, are in place or being developed."
                ),
                "prompts": [
                    "How do you check that training has changed practice?",
                    "How are specialist roles supported and supervised?",
                    "Does the team's make-up reflect the services you deliver?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Workforce planning for the service happens regularly and is tied to "
                    "organisational plans. The skill mix matches the services offered, and staff "
                    "are supported to gain professional recognition and take on new roles."
                ),
                "prompts": [
                    "How do you plan for succession and turnover?",
                    "Are the team's skills recognised outside the service?",
                    "How do you use the wider library and knowledge network to share expertise?",
                ],
            },
            {
                "number": 4,
                "name": "Business critical",
                "descriptor": (
                    "The team's skill mix is planned alongside the organisation's own workforce "
                    "plans and adapts quickly as needs change. The service grows talent, pilots "
                    "new roles and shares its approach with other services."
                ),
                "prompts": [
                    "Which new roles might the organisation need in the next few years?",
                    "How do you share your approach to skill mix with other services?",
                ],
            },
        ],
    },
    {
        "code": "qiof-5",
        "short_title": "Outcome 5",
        "title": (
            "Library and knowledge services use evidence to improve the quality of their services"
        ),
        "description": (
            "The service holds itself to the standard it promotes to others: it uses research, "
            "data, user feedback and good practice to design, review and improve what it offers, "
            "and it runs improvement work in a planned way."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet developed",
                "descriptor": (
                    "Service quality is not reviewed in a structured way. Changes are made in "
                    "response to problems rather than on the basis of evidence."
                ),
                "prompts": [
                    "How do you currently know whether a service is working well?",
                    "What feedback do you collect, and what happens to it?",
                ],
            },
            {
                "number": 1,
                "name": "Emerging",
                "descriptor": (
                    "Feedback and basic service data are collected, and there is a plan to use "
                    "them, together with published evidence, to improve at least one service."
                ),
                "prompts": [
                    (
                        "Which service would you improve first, and what evidence supports that "
                        "choice?"
                    ),
                    "What published evidence or good practice could inform the change?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "Improvement projects are under way, informed by user views, data and the "
                    "literature. Results are measured and changes that work are kept."
                ),
                "prompts": [
                    "Are you using a recognised improvement method?",
                    "How do you measure whether a change made things better?",
                    "How do you tell users what changed because of their feedback?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Continuous improvement is part of normal practice across the service. "
                    "Improvement work is planned, evaluated and reported, drawing on evidence and "
                    "on the experience of peers."
                ),
                "prompts": [
                    "How is the whole team involved in improvement work?",
                    "How do you learn from other library and knowledge services?",
                    "Are improvement results reported to the organisation?",
                ],
            },
            {
                "number": 4,
                "name": "Business critical",
                "descriptor": (
                    "An evidence-based improvement culture is embedded in the service and "
                    "recognised by the organisation. The service leads or contributes to "
                    "improvement work beyond its own walls and shares what it learns."
                ),
                "prompts": [
                    "Which of your improvements could other services adopt?",
                    "How do you contribute to the organisation's wider quality improvement work?",
                ],
            },
        ],
    },
    {
        "code": "qiof-6",
        "short_title": "Outcome 6",
        "title": (
            "Library and knowledge services show that they have a positive impact on healthcare"
        ),
        "description": (
            "The service gathers evidence of the difference it makes to patient care, decisions, "
            "staff learning, time saved and organisational goals, and uses it to tell a convincing "
            "story to stakeholders and to plan future work."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet developed",
                "descriptor": (
                    "Impact is not measured. Evidence of the service's value is anecdotal and "
                    "rarely shared with the organisation."
                ),
                "prompts": [
                    "What difference do you believe the service makes, and how could you show it?",
                    "Who in the organisation would want to know about your impact?",
                ],
            },
            {
                "number": 1,
                "name": "Emerging",
                "descriptor": (
                    "Some impact evidence is collected, such as feedback forms or occasional case "
                    "stories, and there is a plan to gather it more systematically."
                ),
                "prompts": [
                    "Which impact tools or surveys could you use?",
                    "How will you capture stories as well as numbers?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "Impact is measured routinely for key services, using recognised tools and "
                    "case studies. Findings are shared with managers and some stakeholders."
                ),
                "prompts": [
                    "Does your impact evidence link to the organisation's priorities?",
                    "Who receives your impact reports, and what do they do with them?",
                    "Are you capturing impact on patient care as well as on staff?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Impact evidence is gathered across the service and reported regularly to the "
                    "Board or senior leaders. It informs service planning and investment "
                    "decisions."
                ),
                "prompts": [
                    "How has impact evidence changed what you do?",
                    "Do senior leaders quote your impact evidence?",
                    "How do you demonstrate value for money?",
                ],
            },
            {
                "number": 4,
                "name": "Business critical",
                "descriptor": (
                    "The service's positive impact on healthcare is widely recognised and "
                    "routinely used in organisational reporting. The service develops new ways of "
                    "showing impact and shares them across the system."
                ),
                "prompts": [
                    (
                        "Does your impact appear in the organisation's annual report and quality "
                        "account?"
                    ),
                    "What new ways of showing impact are you trying out?",
                ],
            },
        ],
    },
]

KMSA_DIMENSIONS = [
    {
        "code": "kmsa-leadership",
        "short_title": "Leadership",
        "title": "Leadership",
        "description": (
            "How far leaders treat knowledge and evidence as assets: whether they set "
            "expectations, use evidence and staff know-how in their own decisions, and give "
            "knowledge mobilisation a place in strategy and resourcing."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet developed",
                "descriptor": (
                    "Leaders have not yet thought of knowledge and evidence as assets to be "
                    "managed. Knowledge mobilisation does not feature in strategy, plans or Board "
                    "discussion."
                ),
                "prompts": [
                    (
                        "Has the Board or team discussed how it uses knowledge and evidence in "
                        "decisions?"
                    ),
                    "Who, if anyone, is responsible for knowledge mobilisation?",
                ],
            },
            {
                "number": 1,
                "name": "Emerging",
                "descriptor": (
                    "Some leaders champion the use of evidence and the sharing of know-how, but "
                    "this depends on individuals. A lead has been identified or is being "
                    "considered."
                ),
                "prompts": [
                    (
                        "Which leaders already champion knowledge sharing, and how can they be "
                        "supported?"
                    ),
                    "What would a named executive lead for knowledge mobilisation do?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "A named lead and a plan for knowledge mobilisation are in place. Leaders ask "
                    "for the evidence behind proposals and are beginning to model learning from "
                    "experience."
                ),
                "prompts": [
                    "Do papers to the Board or executive team set out the evidence behind them?",
                    "How do leaders show that learning from mistakes is welcome?",
                    "Is the plan properly resourced?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Knowledge mobilisation is part of the organisation's strategy and is reviewed "
                    "by the Board. Leaders consistently expect and use evidence and staff know-how "
                    "when making decisions."
                ),
                "prompts": [
                    "How does the Board check that decisions rest on the best available knowledge?",
                    "How are directorates held to account for sharing what they learn?",
                ],
            },
            {
                "number": 4,
                "name": "Embedded",
                "descriptor": (
                    "Leaders at every level treat knowledge as a strategic asset and act as "
                    "visible role models. Knowledge mobilisation is built into governance, "
                    "planning and performance, and the approach is shared with partners."
                ),
                "prompts": [
                    "How does your approach to knowledge compare with that of your partners?",
                    "What would keep this going if key leaders moved on?",
                ],
            },
        ],
    },
    {
        "code": "kmsa-behaviours",
        "short_title": "Behaviours",
        "title": "Behaviours",
        "description": (
            "Whether the culture encourages people to look for evidence, share what they know, ask "
            "for help and learn from both success and failure, across professional and "
            "organisational boundaries."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet developed",
                "descriptor": (
                    "Knowledge tends to stay with individuals or single teams. People rarely ask "
                    "others for help or pass on lessons, and mistakes are more often hidden than "
                    "learnt from."
                ),
                "prompts": [
                    "Do staff feel safe to talk about what went wrong?",
                    "How much know-how leaves the organisation when people move on?",
                ],
            },
            {
                "number": 1,
                "name": "Emerging",
                "descriptor": (
                    "There are pockets of good knowledge sharing, often driven by enthusiasts. "
                    "Some teams look for evidence and share lessons, but this is not yet expected "
                    "of everyone."
                ),
                "prompts": [
                    "Where are the pockets of good practice, and what makes them work?",
                    "What stops people sharing what they know?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "Sharing knowledge and using evidence are encouraged and increasingly common. "
                    "Teams use simple techniques, such as reviews before and after a piece of "
                    "work, and pass on what they learn."
                ),
                "prompts": [
                    "Are learning reviews recorded in a way that others can find?",
                    "How are people recognised for sharing knowledge?",
                    "Do teams check what others have learnt before starting something new?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Looking for evidence, asking for help and sharing lessons are normal "
                    "behaviours throughout the organisation. Learning regularly crosses teams, "
                    "professions and sites."
                ),
                "prompts": [
                    "How do you make sure lessons lead to changes in practice?",
                    "Are middle managers supported to act as learning champions?",
                    "Is knowledge shared with partners outside the organisation?",
                ],
            },
            {
                "number": 4,
                "name": "Embedded",
                "descriptor": (
                    "An open, learning culture is embedded. People build on each other's knowledge "
                    "as a matter of course, share generously across the system and question "
                    "decisions that are not backed by evidence."
                ),
                "prompts": [
                    "How do you keep the culture open during periods of pressure?",
                    "What could other organisations learn from the way your people behave?",
                ],
            },
        ],
    },
    {
        "code": "kmsa-capabilities",
        "short_title": "Capabilities",
        "title": "Capabilities and working practices",
        "description": (
            "Whether staff have the skills, tools, processes and expert support they need to find, "
            "use, capture and share knowledge and evidence, including access to library and "
            "knowledge specialists."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet developed",
                "descriptor": (
                    "There are few tools, processes or skills for finding evidence or capturing "
                    "knowledge. Staff are unaware of the library and knowledge service or do not "
                    "use it to support decisions."
                ),
                "prompts": [
                    "Do staff know how to find and appraise evidence?",
                    "Where is organisational knowledge kept, and can people find it?",
                ],
            },
            {
                "number": 1,
                "name": "Emerging",
                "descriptor": (
                    "Some tools and training exist, and the library and knowledge service helps "
                    "individuals when asked. Ways of capturing knowledge in everyday work are "
                    "being considered."
                ),
                "prompts": [
                    "Which knowledge-capture techniques would suit the way you work?",
                    "How do staff get access to expert searching and evidence summaries?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "Training in evidence skills and knowledge-sharing techniques is available, "
                    "and some teams routinely capture and share knowledge with agreed tools. "
                    "Library and knowledge specialists work directly with some teams."
                ),
                "prompts": [
                    (
                        "Which teams have specialists working alongside them, and what has that "
                        "changed?"
                    ),
                    "Are the knowledge-sharing tools easy to use, and are they used?",
                    "How are evidence skills built into staff development?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Using evidence and capturing knowledge are part of standard working practice, "
                    "for example in project management, induction and service redesign. "
                    "Specialists support teams across the organisation."
                ),
                "prompts": [
                    (
                        "Do project and business case templates ask for the evidence and lessons "
                        "behind them?"
                    ),
                    "How is captured knowledge kept up to date?",
                    "Is specialist capacity matched to demand?",
                ],
            },
            {
                "number": 4,
                "name": "Embedded",
                "descriptor": (
                    "Capabilities for mobilising knowledge are mature, kept under review and "
                    "shared with others. Staff at every level have the skills and tools they need, "
                    "and specialists are an integral part of teams."
                ),
                "prompts": [
                    "How do you evaluate and refresh your tools and practices?",
                    "How could your capabilities support partners across the system?",
                ],
            },
        ],
    },
    {
        "code": "kmsa-opportunities",
        "short_title": "Opportunities",
        "title": "Opportunities",
        "description": (
            "Whether the organisation spots and acts on chances to make better use of knowledge "
            "for innovation, improvement, efficiency and better outcomes, and whether it can show "
            "the benefit."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet developed",
                "descriptor": (
                    "No chances to get more out of knowledge and evidence have been identified. "
                    "The value knowledge could add to the organisation's objectives is not "
                    "recognised."
                ),
                "prompts": [
                    "Where might better use of knowledge save time or money, or improve care?",
                    "Are the same problems being solved over and over in different places?",
                ],
            },
            {
                "number": 1,
                "name": "Emerging",
                "descriptor": (
                    "Some opportunities have been noted, for example through the Board checklist "
                    "or conversations with teams, but they have not yet been prioritised or acted "
                    "on."
                ),
                "prompts": [
                    "Which opportunities would make the biggest difference to your objectives?",
                    "Who needs to be involved to act on them?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "A few priority opportunities, such as spreading good practice or adopting "
                    "innovation faster, are being pursued through an action plan. Early benefits "
                    "are being recorded."
                ),
                "prompts": [
                    "How are you tracking the benefits of the actions you have taken?",
                    (
                        "What do the results from different directorates say about where support "
                        "should be targeted?"
                    ),
                    "Does every action have an owner and a deadline?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Opportunities are identified and reviewed regularly, and the action plan is "
                    "linked to the organisation's objectives. Benefits such as faster adoption of "
                    "best practice are measured and reported."
                ),
                "prompts": [
                    "How often do you repeat the self-assessment and refresh the action plan?",
                    "How do you spread what works in one directorate to the others?",
                ],
            },
            {
                "number": 4,
                "name": "Embedded",
                "descriptor": (
                    "Making better use of knowledge is a routine source of innovation and "
                    "improvement. The organisation looks for new opportunities, can show clear "
                    "benefits for its finances and for patients, and shares what it learns."
                ),
                "prompts": [
                    "What new opportunities could emerging tools or partnerships open up?",
                    "How do you show the return on investment in knowledge mobilisation?",
                ],
            },
        ],
    },
]

NMM_DIMENSIONS = [
    {
        "code": "nmm-purpose",
        "short_title": "Purpose",
        "title": "Shared purpose",
        "description": (
            "Whether the network has a clear and compelling purpose that its members share and "
            "that fits the core goals of the organisations and system it serves."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet started",
                "descriptor": (
                    "There is no agreed purpose. People may meet or keep in touch, but there is no "
                    "shared sense of why the network exists."
                ),
                "prompts": [
                    "Why do people want this network, and what would it change?",
                    "Who would care if the network did not exist?",
                ],
            },
            {
                "number": 1,
                "name": "Forming",
                "descriptor": (
                    "A few people, usually the founders, have drafted a purpose. It has not yet "
                    "been widely shared or tested with members."
                ),
                "prompts": [
                    "Has the purpose been tested with potential members?",
                    "How does it connect with organisational or system priorities?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "The purpose is written down and agreed by the core group, and most members "
                    "can explain it. Links to organisational and system goals are being made."
                ),
                "prompts": [
                    "Do members describe the purpose in the same way?",
                    "Does the purpose guide what the network chooses to do, and not do?",
                    "Which organisational goals does it support?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "The purpose resonates with members and sponsors and clearly supports the core "
                    "business goals of the organisations involved. It steers the network's "
                    "priorities and is revisited from time to time."
                ),
                "prompts": [
                    "When did the network last review its purpose?",
                    "Do sponsors mention the purpose when they describe the network?",
                ],
            },
            {
                "number": 4,
                "name": "Self-sustaining",
                "descriptor": (
                    "Members own the shared purpose and renew it as needs change. It draws in new "
                    "members and partners and keeps the network going whoever is leading it."
                ),
                "prompts": [
                    "How do new members help shape the purpose?",
                    "Would the purpose survive a change of facilitator or sponsor?",
                ],
            },
        ],
    },
    {
        "code": "nmm-leadership",
        "short_title": "Leadership",
        "title": "Leadership and facilitation",
        "description": (
            "Whether the network has the key people it needs: an active facilitator who leads and "
            "nurtures connections, a supportive sponsor who brings the network's work to the "
            "attention of the wider organisation, and a core group who build its activity. Leading "
            "a network depends on influence and collaboration more than hierarchy."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet started",
                "descriptor": (
                    "Nobody has taken responsibility for the network. There is no facilitator, "
                    "sponsor or core group."
                ),
                "prompts": [
                    "Who has the energy and connections to facilitate the network?",
                    "Is there an existing informal group the network could grow from?",
                ],
            },
            {
                "number": 1,
                "name": "Forming",
                "descriptor": (
                    "An enthusiastic individual has begun to facilitate, usually in their spare "
                    "time. A sponsor and a core group are being sought."
                ),
                "prompts": [
                    "Who could act as sponsor and promote the network to the wider organisation?",
                    "How much time does the facilitator really have?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "A facilitator, a sponsor and a small core group are in place. The facilitator "
                    "actively nurtures connections and the sponsor is starting to raise the "
                    "network's profile."
                ),
                "prompts": [
                    "Does the facilitator have protected time and support?",
                    "How does the core group share the work?",
                    "Does the sponsor hear about the network's successes?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Leadership roles are clear, supported and shared. The core group is active, "
                    "the sponsor champions the network's work, and leaders work through influence "
                    "and collaboration rather than command."
                ),
                "prompts": [
                    "How are members encouraged to take on leadership roles?",
                    "Is the leadership style collaborative rather than directive?",
                    "What happens when the facilitator is unavailable?",
                ],
            },
            {
                "number": 4,
                "name": "Self-sustaining",
                "descriptor": (
                    "Leadership is spread across the membership and succession is planned. The "
                    "network can renew its leaders and sponsors without losing momentum."
                ),
                "prompts": [
                    "Is there a succession plan for the key roles?",
                    "How are the network's future leaders being developed?",
                ],
            },
        ],
    },
    {
        "code": "nmm-knowledge-sharing",
        "short_title": "Knowledge sharing",
        "title": "Knowledge sharing",
        "description": (
            "How actively members contribute to the network as well as benefit from it, sharing "
            "experience, evidence and good practice through events, conversations and online "
            "spaces, across organisational and professional boundaries."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet started",
                "descriptor": (
                    "Little knowledge is shared. What communication there is flows one way, from "
                    "the organisers to members."
                ),
                "prompts": [
                    "What could members offer each other?",
                    "Which channels could members use to connect?",
                ],
            },
            {
                "number": 1,
                "name": "Forming",
                "descriptor": (
                    "Members share now and then, mostly at meetings or by email. A handful of "
                    "people provide most of the content."
                ),
                "prompts": [
                    "How could more members be encouraged to contribute?",
                    "Are there easy ways for members to put questions to each other?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "Regular events and online spaces support peer-to-peer sharing. More members "
                    "contribute, and examples of good practice are circulated."
                ),
                "prompts": [
                    "What proportion of members contribute as well as receive?",
                    "Are events designed for conversation, not just presentations?",
                    "Can shared resources be found easily later on?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Most members both contribute to and benefit from the network. Knowledge flows "
                    "between organisations, professions and regions, and shared material is "
                    "organised so it can be reused."
                ),
                "prompts": [
                    "How do you reach members who cannot come to events?",
                    "Is knowledge shared with enough context for others to use it?",
                    "How does the network connect with other networks?",
                ],
            },
            {
                "number": 4,
                "name": "Self-sustaining",
                "descriptor": (
                    "Peer-to-peer sharing happens naturally without relying on the organisers. The "
                    "network is a recognised source of know-how that others seek out, and it works "
                    "with other networks to spread knowledge further."
                ),
                "prompts": [
                    "Is the network seen as the place to go for know-how in its field?",
                    "How does the network's knowledge reach patients and the public?",
                ],
            },
        ],
    },
    {
        "code": "nmm-learning",
        "short_title": "Learning",
        "title": "Learning and improvement",
        "description": (
            "Whether the network helps members learn and put that learning into practice, and "
            "whether the network itself learns by reviewing its activity and using the lessons to "
            "improve."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet started",
                "descriptor": (
                    "The network does not yet support learning and does not reflect on how it is "
                    "working."
                ),
                "prompts": [
                    "What do members want to learn from each other?",
                    "How would you know whether the network was working?",
                ],
            },
            {
                "number": 1,
                "name": "Forming",
                "descriptor": (
                    "Some events include learning content, and the network has started to ask "
                    "members for feedback."
                ),
                "prompts": [
                    "What has feedback told you so far?",
                    "Could tools such as before and after action reviews help?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "Learning activities are planned around what members need. The network reviews "
                    "its events and activities and changes them as a result."
                ),
                "prompts": [
                    "How do members apply what they learn in their own organisations?",
                    "Are lessons from reviews written down and acted on?",
                    "Do members learn from failures as well as successes?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Learning is central to the network. Members use structured learning methods, "
                    "share lessons from their own work and help each other improve, and the "
                    "network reviews itself regularly, for example with this matrix."
                ),
                "prompts": [
                    "How often does the network review itself against the matrix?",
                    "How do lessons lead to improvements in members' services?",
                ],
            },
            {
                "number": 4,
                "name": "Self-sustaining",
                "descriptor": (
                    "The network is a learning community that keeps improving itself and supports "
                    "improvement and innovation across the system. Its learning is captured and "
                    "shared beyond the membership."
                ),
                "prompts": [
                    "How is the network's learning shared with the wider system?",
                    "How does the network adapt as its context changes?",
                ],
            },
        ],
    },
    {
        "code": "nmm-impact",
        "short_title": "Impact",
        "title": "Impact",
        "description": (
            "Whether the network can show the difference it makes, using a few simple outcome "
            "measures tracked over time, and whether it communicates that impact to members, "
            "sponsors and the wider system."
        ),
        "levels": [
            {
                "number": 0,
                "name": "Not yet started",
                "descriptor": (
                    "No evidence of impact is collected, and the network has not agreed what "
                    "success would look like."
                ),
                "prompts": [
                    "What would success look like for members and sponsors?",
                    "What one measure would show that the network is making a difference?",
                ],
            },
            {
                "number": 1,
                "name": "Forming",
                "descriptor": (
                    "A few possible outcome measures have been suggested, and some stories of "
                    "impact are collected informally."
                ),
                "prompts": [
                    "Which simple measures could you collect without much effort?",
                    "How will you capture members' stories of change?",
                ],
            },
            {
                "number": 2,
                "name": "Developing",
                "descriptor": (
                    "A small set of simple outcome measures is tracked alongside members' stories. "
                    "Results are shared with members and the sponsor."
                ),
                "prompts": [
                    "Are the measures linked to the network's purpose?",
                    "Are the current and target stages recorded for every dimension?",
                    "Who needs to hear about the network's impact?",
                ],
            },
            {
                "number": 3,
                "name": "Established",
                "descriptor": (
                    "Measures are tracked over time and show how the network is developing. Impact "
                    "is reported regularly to sponsors and member organisations and shapes the "
                    "network's plans."
                ),
                "prompts": [
                    "What do the trends in your measures tell you?",
                    "How does impact evidence shape the network's priorities?",
                ],
            },
            {
                "number": 4,
                "name": "Self-sustaining",
                "descriptor": (
                    "The network can clearly show its impact on services, staff and patients over "
                    "time. Sponsors and the wider system use this evidence to justify continued "
                    "support, and the network helps others measure their own impact."
                ),
                "prompts": [
                    "How does your impact evidence influence decisions beyond the network?",
                    "How could you help other networks measure their impact?",
                ],
            },
        ],
    },
]

FRAMEWORKS = [
    {
        "slug": "qiof",
        "title": "LKS Quality and Improvement Outcomes Framework",
        "short_title": "Quality and Improvement Outcomes",
        "introduction": (
            "The LKS Quality and Improvement Outcomes Framework describes six outcomes that NHS "
            "library and knowledge services work towards. Each outcome is assessed on a scale from "
            "level 0, where the work has not yet been developed, to level 4, where the service is "
            "business critical to its organisation. Services use the framework to judge where they "
            "stand today, agree priorities for improvement and show their progress over time. "
            "Stories on this site are tagged with the outcomes and levels they relate to, so a "
            "service at one level can see what others did to reach the next."
        ),
        "dimensions": QIOF_DIMENSIONS,
    },
    {
        "slug": "kmsa",
        "title": "Knowledge Mobilisation Self-Assessment",
        "short_title": "KM Self-Assessment",
        "introduction": (
            "The Knowledge Mobilisation Self-Assessment helps a Board, executive team, directorate "
            "or division to see how well it draws on the know-how of its staff and on research "
            "evidence when it makes decisions, and where it could get more value from knowledge as "
            "an asset. It works in four steps. First comes some introductory information, "
            "including a checklist for the Board. Second is the self-assessment itself, covering "
            "leadership, behaviours, capabilities and working practices, and opportunities. Third, "
            "a facilitated discussion explores the results and the development opportunities they "
            "reveal. Fourth, an action plan is agreed and put into practice. The tool suits a "
            "meeting of the executive team or a Board seminar. For a fuller picture, each "
            "directorate or division can complete its own assessment; the results can then be "
            "compared side by side so that good practice spreads and support is targeted where it "
            "is most needed."
        ),
        "dimensions": KMSA_DIMENSIONS,
    },
    {
        "slug": "nmm",
        "title": "Network Maturity Matrix",
        "short_title": "Network Maturity",
        "introduction": (
            "The Network Maturity Matrix is a quick way for a network to take stock of itself. "
            "Members look at five dimensions (purpose, leadership, knowledge sharing, learning and "
            "impact) and agree, for each one, the stage the network has reached now and the stage "
            "it is aiming for. Repeating the review every so often, alongside a small set of "
            "simple outcome measures, lets the network track how it is developing and show the "
            "difference it is making."
        ),
        "dimensions": NMM_DIMENSIONS,
    },
]


def create_frameworks(apps, schema_editor):
    Framework = apps.get_model("maturity", "Framework")
    Dimension = apps.get_model("maturity", "Dimension")
    Level = apps.get_model("maturity", "Level")

    for framework_order, spec in enumerate(FRAMEWORKS, start=1):
        framework, _ = Framework.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "short_title": spec["short_title"],
                "introduction": spec["introduction"],
                "sort_order": framework_order,
            },
        )
        for dimension_order, dim in enumerate(spec["dimensions"], start=1):
            dimension, _ = Dimension.objects.update_or_create(
                code=dim["code"],
                defaults={
                    "framework": framework,
                    "sort_order": dimension_order,
                    "title": dim["title"],
                    "short_title": dim["short_title"],
                    "description": dim["description"],
                },
            )
            for level in dim["levels"]:
                Level.objects.update_or_create(
                    dimension=dimension,
                    number=level["number"],
                    defaults={
                        "name": level["name"],
                        "descriptor": level["descriptor"],
                        "prompts": "\n".join(level["prompts"]),
                        "sort_order": level["number"],
                    },
                )


def remove_frameworks(apps, schema_editor):
    Framework = apps.get_model("maturity", "Framework")
    Dimension = apps.get_model("maturity", "Dimension")
    Level = apps.get_model("maturity", "Level")

    slugs = [spec["slug"] for spec in FRAMEWORKS]
    Level.objects.filter(dimension__framework__slug__in=slugs).delete()
    Dimension.objects.filter(framework__slug__in=slugs).delete()
    Framework.objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("maturity", "0001_initial")]

    operations = [migrations.RunPython(create_frameworks, remove_frameworks)]
