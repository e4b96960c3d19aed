//! The statistic indicators the seed documents, by name. Written from the seed's indicator
//! tables (contact, presence, satisfaction and transaction indicators).

ccapi_transport::open_enum! {
    /// A statistic indicator of `GET /statistic`; names this crate does not know are kept.
    pub enum Indicator {
        /// Response time after first message: Average response time between a customer's first question and the agent's answer.
        ContactAnsweredAfterFirstMessageDuration = "contact_answered_after_first_message_duration",
        /// Response time: Average response time between a customer's request and the agent's response.
        ContactAnsweredDuration = "contact_answered_duration",
        /// Length of time between last message and closing of chat: Average amount of time between the visitor's last message and the closing of the chat discussion on the panel.
        ContactClosedAfterLastMessageDuration = "contact_closed_after_last_message_duration",
        /// Average processing time: Average length of all contacts, the length of a contact being defined as the difference between the end time (closure) and start time.
        ContactDuration = "contact_duration",
        /// Initiated contacts: Number of contacts initiated during the selected period.
        ContactNumber = "contact_number",
        /// Sent messages: Total number of messages within a conversation sent by the agents.
        ContactSentMessageNumber = "contact_sent_message_number",
        /// Received messages: Total number of messages within a conversation received by the agents.
        ContactReceivedMessageNumber = "contact_received_message_number",
        /// Contacts initiated with no response: Number of contacts initiated by a visitor with no response from an agent.
        ContactUnansweredNumber = "contact_unanswered_number",
        /// Missed contact opportunities: Estimated number of missed contact opportunities because the agents were totally busy, offline or not in production.
        ContactMissedNumber = "contact_missed_number",
        /// Missed contact opportunities (agents busy): Estimated number of missed contact opportunities due to agents being totally busy.
        ContactMissedWithBusyOperatorsNumber = "contact_missed_with_busy_operators_number",
        /// Missed contact opportunities (agents absent): Estimated number of contacts missed because the agents were either not connected or not in production.
        ContactMissedWithNoOperatorsNumber = "contact_missed_with_no_operators_number",
        /// Simultaneous contacts: Average number of contacts processed simultaneously by an agent during his online presence.
        ContactSimultaneousNumber = "contact_simultaneous_number",
        /// Abandoned contacts: Number of contacts initiated in the queue who left before being processed.
        ContactWaitingAbortNumber = "contact_waiting_abort_number",
        /// Processed contacts: Number of processed contacts coming from the queue.
        ContactWaitingAnsweredNumber = "contact_waiting_answered_number",
        /// Waiting time before abandonment: Average time before a visitor abandons the queue.
        ContactWaitingBeforeQuitDuration = "contact_waiting_before_quit_duration",
        /// Waiting time before contact: Average waiting time of visitors in the queue.
        ContactWaitingDuration = "contact_waiting_duration",
        /// Initiated contacts: Average waiting time of visitors in the queue.
        ContactWaitingNumber = "contact_waiting_number",
        /// Contacts / hr of the website: Average number of contacts processed by all agents for an hour of production.
        ContactPerHourAverageNumber = "contact_per_hour_average_number",
        /// Contacts per hour: Average number of contacts processed by an agent for an hour of production.
        ContactPerHourNumber = "contact_per_hour_number",
        /// Response rate: Proportion of displays having generated a contact.
        RuleContactRate = "rule_contact_rate",
        /// Displays: Number of chat/call displays generated on the website during the period.
        RuleDisplayNumber = "rule_display_number",
        /// Triggers: Number of times a targeting rule has been triggered, as a consequence of visitors meeting the right criteria.
        TargetingRuleTriggered = "targeting_rule_triggered",
        /// Global occupation: Period during which an agent is connected to the panel and is occupied partially or to the maximum.
        MaxAndPartialOccupationDuration = "max_and_partial_occupation_duration",
        /// Maximum occupation: Period during which an agent is connected to the panel and is occupied to maximum capacity.
        MaxOccupationDuration = "max_occupation_duration",
        /// Maximum occupation rate: Part of production time during which an agent is connected to the panel and is occupied to a maximum.
        MaxOccupationRate = "max_occupation_rate",
        /// Not in production: Period during which an agent is connected to the panel, unavailable and yet not busy.
        NonProductionDuration = "non_production_duration",
        /// Not in production rate: Proportion of connection time during which an agent is connected to the panel, unavailable and yet not busy.
        NonProductionRate = "non_production_rate",
        /// Smoothed period of button presentation: Period during which buttons are displayable. Length of the time slot covered with at least one agent available.
        PresentationDuration = "presentation_duration",
        /// Smoothed period of production: Period during which operators were in production. Length of the time slot covered with at least one agent in production.
        ProductionSmoothedDuration = "production_smoothed_duration",
        /// Total period of presence: Total period during which the agents were connected to the desk.
        PresenceDuration = "presence_duration",
        /// Smoothed period of presence: Period during which operators were connected. Length of the time slot covered with at least one agent present.
        PresenceSmoothedDuration = "presence_smoothed_duration",
        /// Partial occupation rate: Part of production time during which an agent is connected to the panel and is partially busy.
        OccupationRate = "occupation_rate",
        /// Inocc.: Period of time during which an agent is connected to the panel and is simultaneously available and not busy.
        NonOccupationDuration = "non_occupation_duration",
        /// Rate of non-occupation: Part of production time during which an agent is connected to the panel and is simultaneously available and not busy.
        NonOccupationRate = "non_occupation_rate",
        /// Global occupation rate: Part of production time during which an agent is connected to the panel and is occupied partially or to the maximum.
        MaxAndPartialOccupationRate = "max_and_partial_occupation_rate",
        /// In production: Period during which an agent is connected to the panel and is available or busy.
        ProductionDuration = "production_duration",
        /// Waiting time: Visitor satisfaction rate with the waiting time before receiving an answer.
        SatisfactionDelayRate = "satisfaction_delay_rate",
        /// Overall satisfaction: Overall satisfaction rate of visitors.
        SatisfactionGlobalRate = "satisfaction_global_rate",
        /// Quality of response: Visitors' satisfaction rate with the response given by the agent.
        SatisfactionResolutionRate = "satisfaction_resolution_rate",
        /// Number of respondents: Number of visitors who replied to a satisfaction survey following a discussion.
        SatisfactionRespondentNumber = "satisfaction_respondent_number",
        /// Response rate: Proportion of conversations after which visitors completed the satisfaction survey.
        SatisfactionRespondentRate = "satisfaction_respondent_rate",
        /// Quality of welcome: Visitor satisfaction rate with the welcome.
        SatisfactionWelcomeRate = "satisfaction_welcome_rate",
        /// Partial occupation: Period during which an agent is connected to the panel, unavailable and yet not busy.
        OccupationDuration = "occupation_duration",
        /// Conversion rate: Proportion of conversations which led to transactions.
        ConversionRate = "conversion_rate",
        /// Average order value after contact: Average order value following a contact.
        CartAfterContactAmount = "cart_after_contact_amount",
        /// Average order value on the website: Average Order Value, all visitor categories.
        CartGlobalAmount = "cart_global_amount",
        /// turnover after contact: Total turnover from visitors who dialogued and completed a transaction after a contact.
        TransactionAfterContactAmount = "transaction_after_contact_amount",
        /// Transactions after contact: Total number of transactions from visitors who dialogued and then completed a transaction following the contact.
        TransactionAfterContactNumber = "transaction_after_contact_number",
        /// Website turnoverTotal turnover, all visitor categories.
        TransactionTotalAmount = "transaction_total_amount",
        /// Website transactions: Total number of transactions (all categories).
        TransactionTotalNumber = "transaction_total_number",
        /// Transformation time after contact: Average time between the first exchange and the transaction following a contact.
        TransactionAfterContactDuration = "transaction_after_contact_duration",
        /// Website transactions amount per hour: Average turnover generated by an agent after a contact on an hourly basis
        TransactionAfterConversationAmountPerHour = "transaction_after_conversation_amount_per_hour",
        /// turnover missed (agents totally busy): Estimated lost turnover due to agents being totally busy.
        TransactionMissedWithBusyOperatorsAmount = "transaction_missed_with_busy_operators_amount",
        /// Missed transaction opportunities (agents totally busy): Estimated number of missed transaction opportunities because the agents were totally busy.
        TransactionMissedWithBusyOperatorsNumber = "transaction_missed_with_busy_operators_number",
        /// Missed turnover opportunity (agents absent): Estimated turnover missed because the agents were not connected or not in production.
        TransactionMissedWithNoOperatorsAmount = "transaction_missed_with_no_operators_amount",
        /// Missed transaction opportunities (agents absent): Estimated number of missed transaction opportunities because the agents were not connected or not in production.
        TransactionMissedWithNoOperatorsNumber = "transaction_missed_with_no_operators_number",
        /// Website transactions amount per conversation: Average turnover generated for each conversation done
        TransactionAmountPerConversation = "transaction_amount_per_conversation",
    }
}
